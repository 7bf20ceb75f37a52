using System;

namespace MiniJwt;

/// <summary>
/// The reason a token was refused: a stable <see cref="Code"/>, the <see cref="Part"/> of the token at fault, and the
/// header parameter or claim it concerns (<see cref="Name"/>) where there is one.
/// </summary>
public readonly struct JwtError : IEquatable<JwtError>
{
    /// <summary>The <see cref="Part"/> of an error in the protected header.</summary>
    internal const string HeaderPart = "header";

    /// <summary>The <see cref="Part"/> of an error in the payload (the claims set of a JWT).</summary>
    internal const string PayloadPart = "payload";

    /// <summary>The <see cref="Part"/> of an error in the signature segment.</summary>
    internal const string SignaturePart = "signature";

    internal JwtError(JwtErrorCode code, string? part = null, string? name = null)
    {
        Code = code;
        Part = part;
        Name = name;
    }

    /// <summary>The error code; <see cref="JwtErrorCode.None"/> for the default value.</summary>
    public JwtErrorCode Code { get; }

    /// <summary>
    /// The part of the token at fault: <c>header</c>, <c>payload</c> or <c>signature</c>; <see langword="null"/> when the
    /// error concerns the token as a whole (<see cref="JwtErrorCode.Empty"/>, <see cref="JwtErrorCode.TokenTooLarge"/>,
    /// <see cref="JwtErrorCode.Malformed"/>).
    /// </summary>
    public string? Part { get; }

    /// <summary>
    /// The header parameter (such as <c>alg</c>, <c>typ</c> or <c>crit</c>, when <see cref="Part"/> is <c>header</c>) or the
    /// claim (such as <c>exp</c> or <c>aud</c>, when <see cref="Part"/> is <c>payload</c>) the error concerns, or <see langword="null"/>.
    /// </summary>
    public string? Name { get; }

    /// <summary>A fixed English description of the error. It never contains token or key material.</summary>
    public string Message => Describe(Code) + (Name is not null
        ? (Part == PayloadPart ? " (claim " : " (" + Part + " parameter ") + Name + ")"
        : Part is not null ? " (" + Part + ")" : string.Empty);

    /// <inheritdoc/>
    public bool Equals(JwtError other) =>
        Code == other.Code && string.Equals(Part, other.Part, StringComparison.Ordinal) && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is JwtError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Code, Part, Name);

    /// <summary>Returns <see cref="Message"/> prefixed with the code.</summary>
    /// <returns>A text such as <c>Expired: the token has expired (claim exp)</c>.</returns>
    public override string ToString() => Code + ": " + Message;

    /// <summary>Compares two errors by code, part and name.</summary>
    /// <param name="left">The first error.</param>
    /// <param name="right">The second error.</param>
    /// <returns><see langword="true"/> when both are equal.</returns>
    public static bool operator ==(JwtError left, JwtError right) => left.Equals(right);

    /// <summary>Compares two errors by code, part and name.</summary>
    /// <param name="left">The first error.</param>
    /// <param name="right">The second error.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(JwtError left, JwtError right) => !left.Equals(right);

    internal static JwtError Header(JwtErrorCode code, string? name = null) => new(code, HeaderPart, name);

    internal static JwtError Payload(JwtErrorCode code, string? name = null) => new(code, PayloadPart, name);

    internal static JwtError Signature(JwtErrorCode code) => new(code, SignaturePart);

    internal static string Describe(JwtErrorCode code) => code switch
    {
        JwtErrorCode.None => "no error",
        JwtErrorCode.Malformed => "the token is not three dot-separated Base64Url segments",
        JwtErrorCode.TokenTooLarge => "the token is longer than the allowed maximum",
        JwtErrorCode.InvalidBase64Url => "a segment is not strict Base64Url",
        JwtErrorCode.InvalidJson => "the header or payload is not a well-formed UTF-8 JSON object",
        JwtErrorCode.DuplicateMember => "a JSON member name is repeated",
        JwtErrorCode.MissingAlgorithm => "the header has no string 'alg'",
        JwtErrorCode.AlgorithmNotAllowed => "the algorithm is not allowed",
        JwtErrorCode.KeyAlgorithmMismatch => "the key does not belong to the token's algorithm",
        JwtErrorCode.UnsupportedCritical => "the header requires an extension MiniJwt does not implement",
        JwtErrorCode.InvalidHeader => "a header parameter has the wrong type",
        JwtErrorCode.InvalidSignature => "the signature is invalid",
        JwtErrorCode.Expired => "the token has expired",
        JwtErrorCode.NotYetValid => "the token is not valid yet",
        JwtErrorCode.IssuedInFuture => "the token was issued in the future",
        JwtErrorCode.MissingClaim => "a required claim is missing",
        JwtErrorCode.InvalidAudience => "the audience is not accepted",
        JwtErrorCode.InvalidIssuer => "the issuer is not accepted",
        JwtErrorCode.InvalidClaimType => "a claim has the wrong type",
        JwtErrorCode.InvalidType => "the token type (typ) is not the expected one",
        JwtErrorCode.Empty => "the token is empty",
        JwtErrorCode.KeyNotFound => "no key of the key set fits the token's kid and alg",
        JwtErrorCode.AmbiguousKey => "more than one key of the key set fits the token",
        JwtErrorCode.MixedKeySet => "the key set mixes shared secrets with public keys",
        JwtErrorCode.KeySetUnavailable => "the remote key set is not available (no good copy fetched, or the last one is too old)",
        JwtErrorCode.Revoked => "the token has been revoked",
        JwtErrorCode.RevocationCheckFailed => "the revocation store could not be consulted",
        _ => "unknown error",
    };
}
