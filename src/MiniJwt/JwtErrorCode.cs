namespace MiniJwt;

/// <summary>
/// Why a token was refused. Each failure has one stable code; the numeric values never change.
/// </summary>
public enum JwtErrorCode
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The token is not three dot-separated segments of the Base64Url alphabet, or its header segment is empty.</summary>
    Malformed = 1,

    /// <summary>The token is longer than the configured maximum (<see cref="JwsValidationOptions.MaxTokenLength"/>).</summary>
    TokenTooLarge = 2,

    /// <summary>A segment is not strict, canonical Base64Url.</summary>
    InvalidBase64Url = 3,

    /// <summary>The header or payload is not well-formed UTF-8 JSON (a string escaping a lone surrogate included), not a JSON object, or nested too deep.</summary>
    InvalidJson = 4,

    /// <summary>An object of the header or payload, at any depth, repeats a member name (also when written with escapes).</summary>
    DuplicateMember = 5,

    /// <summary>The header has no <c>alg</c>, or it is not a string.</summary>
    MissingAlgorithm = 6,

    /// <summary>The header's <c>alg</c> is not in the caller's allow-list (this includes <c>none</c> and unknown names).</summary>
    AlgorithmNotAllowed = 7,

    /// <summary>The key is bound to another algorithm than the token's <c>alg</c>.</summary>
    KeyAlgorithmMismatch = 8,

    /// <summary>The header carries <c>crit</c> (MiniJwt implements no critical extension) or <c>b64</c> other than <see langword="true"/>.</summary>
    UnsupportedCritical = 9,

    /// <summary>A header parameter MiniJwt reads (<c>kid</c>, <c>typ</c>, <c>cty</c>) is not a string.</summary>
    InvalidHeader = 10,

    /// <summary>The signature does not verify, or has the wrong length for the algorithm.</summary>
    InvalidSignature = 11,

    /// <summary>The token has expired (<c>exp</c>, with leeway).</summary>
    Expired = 12,

    /// <summary>The token is not valid yet (<c>nbf</c> in the future, with leeway).</summary>
    NotYetValid = 13,

    /// <summary>The token was issued in the future (<c>iat</c>, with leeway).</summary>
    IssuedInFuture = 14,

    /// <summary>A required claim is absent (or null).</summary>
    MissingClaim = 15,

    /// <summary>The <c>aud</c> claim matches none of the expected audiences, or is present when none is expected.</summary>
    InvalidAudience = 16,

    /// <summary>The <c>iss</c> claim is not one of the expected issuers.</summary>
    InvalidIssuer = 17,

    /// <summary>A registered claim has the wrong JSON type (for example <c>exp</c> as a string, <c>aud</c> as a number).</summary>
    InvalidClaimType = 18,

    /// <summary>The header's <c>typ</c> is absent or not the expected type.</summary>
    InvalidType = 19,

    /// <summary>The token is <see langword="null"/> or empty.</summary>
    Empty = 20,

    /// <summary>
    /// No key of the key set fits the token: none has the header's <c>kid</c> (or, without a <c>kid</c>, none is bound to its
    /// <c>alg</c>), the key with that <c>kid</c> is bound to another algorithm, or the key's JWK <c>key_ops</c> forbid verification.
    /// </summary>
    KeyNotFound = 21,

    /// <summary>More than one key of the key set fits the token (a repeated <c>kid</c>, or several keys for its <c>alg</c> and no <c>kid</c>); none is tried.</summary>
    AmbiguousKey = 22,

    /// <summary>The key set mixes shared secrets (HMAC) with public keys, a leak or a key-confusion risk; it verifies nothing.</summary>
    MixedKeySet = 23,

    /// <summary>
    /// The key set is a live (remote) set that holds no good copy: none was fetched yet, or the last good one is older
    /// than its time to live plus the grace period and every refresh since has failed.
    /// </summary>
    KeySetUnavailable = 24,

    /// <summary>
    /// The strategy's revocation store refuses the token: its <c>jti</c> was revoked (a logout), or it was issued
    /// (<c>iat</c>) before its user's cut-off (log out everywhere). Only with a revocation store.
    /// </summary>
    Revoked = 25,

    /// <summary>
    /// The strategy's revocation store could not be consulted (it failed or is unreachable), so the token is refused:
    /// revocation fails closed. Only with a revocation store.
    /// </summary>
    RevocationCheckFailed = 26,
}
