using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Strategy;

/// <summary>
/// fastapi-users' JWT authentication strategy: writes a signed token <c>{"sub":id,"aud":[…],"exp":…}</c> for a
/// user and reads the user back from it. Tokens are byte-identical to those fastapi-users writes for the same
/// secret, identifier, lifetime and clock second, and each side reads the other's.
/// </summary>
/// <typeparam name="TUser">The user type (a class: <see langword="null"/> means no user).</typeparam>
/// <typeparam name="TId">The identifier type, such as <see cref="Guid"/>, <see cref="int"/> or <see cref="string"/>.</typeparam>
/// <remarks>
/// <para>Every key is parsed and checked once, in the constructor; a configuration mistake throws there with a
/// message saying what to do. The instance is immutable and thread-safe: make one (a singleton) and let it
/// serve every request.</para>
/// <para>Where MiniJwt deliberately differs from fastapi-users and PyJWT (short secrets, a missing <c>exp</c>,
/// strict parsing, canonical identifiers), the README's table lists each difference and its reason.</para>
/// </remarks>
public sealed class JwtStrategy<TUser, TId> : IStrategy<TUser, TId>
    where TUser : class
{
    private static readonly Task<TUser?> s_noUser = Task.FromResult<TUser?>(default);

    private readonly Func<TUser, TId>? _userId;
    private readonly byte[] _audienceMember;
    private readonly JwtValidationOptions _options;
    private readonly JwtKeySet? _readKeys;

    // Revocation (opt-in): null without a store, and then nothing below changes.
    private readonly StrategyRevocation? _revocation;

    /// <summary>Creates the strategy; the parameters are those of fastapi-users' <c>JWTStrategy</c>, plus a few .NET ones.</summary>
    /// <param name="secret">
    /// The key that signs the tokens: a string or a <see cref="Secret"/>. For HS256/384/512, a passphrase of at
    /// least 32/48/64 bytes (UTF-8) — use a long random value and keep it secret. For RS*, PS* and ES*, the private
    /// key in PEM (PKCS#1 <c>RSA PRIVATE KEY</c>, PKCS#8 <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>). Either may
    /// also be given as a JWK (an <c>oct</c> key, or a private <c>RSA</c> or <c>EC</c> key), whose <c>kid</c> then names it.
    /// </param>
    /// <param name="lifetimeSeconds">
    /// The lifetime of a token in seconds, written as <c>exp</c>; then a token without <c>exp</c> is refused.
    /// <see langword="null"/> writes no <c>exp</c>: tokens are valid <b>forever</b> and cannot be revoked, a serious
    /// risk if one leaks (an <c>exp</c> a token does carry is still honoured).
    /// </param>
    /// <param name="tokenAudience">The audiences written to <c>aud</c> and accepted on reading (any one matching suffices); copied. Default <c>["fastapi-users:auth"]</c>.</param>
    /// <param name="algorithm">The signing algorithm by its registered name, case-sensitive: HS256 (the default), HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512.</param>
    /// <param name="publicKey">
    /// For RS*, PS* and ES* only: the public key in PEM (SPKI <c>PUBLIC KEY</c> or PKCS#1 <c>RSA PUBLIC KEY</c>) or as a
    /// JWK that verifies the tokens; it must belong to the private key in <paramref name="secret"/>. When null or empty, the
    /// public key is derived from <paramref name="secret"/>. <paramref name="secret"/> always signs.
    /// </param>
    /// <param name="userId">Reads a user's identifier for <c>sub</c>; may be omitted when <typeparamref name="TUser"/> implements <see cref="IUser{TId}"/>.</param>
    /// <param name="leeway">Clock skew tolerated on <c>exp</c>, <c>nbf</c> and <c>iat</c> when reading; default zero, at most one day.</param>
    /// <param name="timeProvider">The clock for writing <c>exp</c> and checking it; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="allowWeakKey">
    /// <see langword="true"/> to accept an HMAC secret shorter than the hash (RFC 7518 §3.2) or an RSA key under 2048
    /// bits. Only to interoperate with an existing deployment whose key cannot change.
    /// </param>
    /// <param name="keyId">
    /// The <c>kid</c> written to the header of every token, naming the signing key (such as a date, or
    /// <see cref="JwtKey.ComputeJwkThumbprint"/>). <see langword="null"/> (the default) writes no <c>kid</c>: tokens stay
    /// byte-identical to fastapi-users'. With a <c>kid</c>, or with <paramref name="verificationKeys"/>, a token is read with
    /// the one key its header names (by <c>kid</c> and <c>alg</c>; a token without <c>kid</c>, with the one key of its <c>alg</c>).
    /// </param>
    /// <param name="verificationKeys">
    /// Further keys that verify, but never sign: the previous keys of a rotation, accepted until their tokens expire,
    /// each with its own <c>kid</c>. Build it from PEM (<see cref="JwtKey.FromPem(JwtAlgorithm, string, string?, bool)"/>),
    /// JWKs (<see cref="JwtKey.FromJwk(string, JwtAlgorithm?, bool)"/>) or a JWK Set (<see cref="JwtKeySet.Parse(string, ReadOnlySpan{JwtAlgorithm}, bool)"/>);
    /// it may hold the signing key's own public key too. A live set (one refreshed from a JWK Set URL) is looked up at each
    /// read, never copied. Accepted algorithms: <paramref name="algorithm"/> and those of the keys given; for a live set,
    /// every algorithm of the strategy's kind (HS*, or RS*, PS* and ES*), since each key verifies only its own.
    /// </param>
    /// <param name="tokenCache">
    /// A cache of verified tokens (<see cref="JwtTokenCache"/>), or <see langword="null"/> (the default) for none: a token
    /// read again is then checked only for its time claims, against <paramref name="timeProvider"/>. It may be shared.
    /// </param>
    /// <param name="revocationStore">
    /// Turns revocation on: tokens then also carry <c>iat</c> and a random <c>jti</c>, every read asks the store whether
    /// the token was revoked (refusing it, too, when the store fails), <see cref="DestroyTokenAsync"/> revokes the token
    /// and <see cref="RevokeAllTokensAsync"/> the user's older tokens. Needs a lifetime. <see langword="null"/> (the
    /// default): tokens and behaviour are fastapi-users'.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> or <paramref name="algorithm"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetimeSeconds"/> is zero or negative, or <paramref name="leeway"/> is negative or over one day.</exception>
    /// <exception cref="ArgumentException">
    /// The algorithm is unknown; the secret is too short, empty, or a PEM key with an HMAC algorithm; a PEM or JWK does not
    /// parse or does not fit the algorithm; <paramref name="publicKey"/> is given with an HMAC algorithm or does not
    /// match the private key; the audience list is empty; no way to read a user's identifier is given;
    /// <paramref name="keyId"/> contradicts the JWK's <c>kid</c>; or <paramref name="verificationKeys"/> mixes shared secrets
    /// with public keys, or holds another key with the signing key's <c>kid</c> and algorithm;
    /// or <paramref name="revocationStore"/> is given without a lifetime.
    /// </exception>
    public JwtStrategy(
        Secret secret,
        int? lifetimeSeconds,
        IEnumerable<string>? tokenAudience = null,
        string algorithm = "HS256",
        Secret? publicKey = null,
        Func<TUser, TId>? userId = null,
        TimeSpan leeway = default,
        TimeProvider? timeProvider = null,
        bool allowWeakKey = false,
        string? keyId = null,
        JwtKeySet? verificationKeys = null,
        JwtTokenCache? tokenCache = null,
        ITokenRevocationStore? revocationStore = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (lifetimeSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lifetimeSeconds),
                lifetimeSeconds,
                "The lifetime must be a positive number of seconds, such as 3600. For tokens that never expire, pass null explicitly.");
        }

        if (leeway < TimeSpan.Zero || leeway > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(leeway), leeway, "The leeway must be between zero and one day.");
        }

        if (userId is null && !typeof(IUser<TId>).IsAssignableFrom(typeof(TUser)))
        {
            ThrowHelper.ThrowArgument(
                "The strategy cannot read a user's identifier: pass userId: user => user.Id, or let "
                + typeof(TUser).Name + " implement IUser<" + typeof(TId).Name + ">.",
                nameof(userId));
        }

        Algorithm = ParseAlgorithm(algorithm);
        TokenAudience = CopyAudiences(tokenAudience);
        (EncodeKey, DecodeKey) = StrategyKeys.Create(Algorithm, secret, publicKey, keyId, allowWeakKey);
        _readKeys = StrategyKeys.CreateReadSet(DecodeKey, verificationKeys);
        VerificationKeys = verificationKeys;
        LifetimeSeconds = lifetimeSeconds;
        Leeway = leeway;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _userId = userId;
        _audienceMember = StrategyPayload.WriteAudienceMember(TokenAudience);
        _options = new JwtValidationOptions(AcceptedAlgorithms(Algorithm, verificationKeys))
        {
            Audiences = TokenAudience,
            RequireExpiration = lifetimeSeconds is not null,
            Leeway = leeway,
            TimeProvider = TimeProvider,
            TokenCache = tokenCache,
        };

        // Revocation (opt-in): every entry of the store expires with the tokens it concerns, so tokens must expire.
        if (revocationStore is not null)
        {
            if (lifetimeSeconds is not int lifetime)
            {
                ThrowHelper.ThrowArgument(
                    "Revocation needs tokens that expire: a revoked token is remembered until it expires. Give a lifetime, such as lifetimeSeconds: 3600.",
                    nameof(revocationStore));
                return;
            }

            _revocation = new StrategyRevocation(revocationStore, lifetime, leeway, TimeProvider);
        }
    }

    /// <summary>The algorithm that signs and verifies; the only one accepted on reading.</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The token lifetime in seconds, or <see langword="null"/> when tokens carry no <c>exp</c> and never expire.</summary>
    public int? LifetimeSeconds { get; }

    /// <summary>The audiences written to <c>aud</c> and accepted on reading.</summary>
    public IReadOnlyList<string> TokenAudience { get; }

    /// <summary>The clock skew tolerated when reading.</summary>
    public TimeSpan Leeway { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The key that signs: the HMAC secret or the private key.</summary>
    public JwtKey EncodeKey { get; }

    /// <summary>The key that verifies: the HMAC secret, or the public key (given or derived).</summary>
    public JwtKey DecodeKey { get; }

    /// <summary>The further keys that verify (the previous keys of a rotation), as given; or <see langword="null"/>.</summary>
    public JwtKeySet? VerificationKeys { get; }

    /// <summary>
    /// Writes the public keys that verify this strategy's tokens as a JWK Set, to publish (such as at
    /// <c>/.well-known/jwks.json</c>) for other services: the signing key's public JWK (with its <c>kid</c>), then those of
    /// <see cref="VerificationKeys"/> (for a live set, its keys now).
    /// </summary>
    /// <returns>The JWK Set, compact JSON, without private members.</returns>
    /// <exception cref="InvalidOperationException">The strategy signs with a shared secret (HS*), which has no public form.</exception>
    public string GetPublicJwkSet()
    {
        if (DecodeKey.Family == JwtAlgorithmFamily.Hmac)
        {
            throw new InvalidOperationException(
                "An HS* strategy signs with a shared secret, which must never be published. Publish a JWK Set only for RS*, PS* and ES* strategies.");
        }

        return (_readKeys ?? new JwtKeySet(DecodeKey)).ToJson();
    }

    /// <summary>The revocation store, or <see langword="null"/> when revocation is off (the default).</summary>
    public ITokenRevocationStore? RevocationStore => _revocation?.Store;

    /// <summary>
    /// Writes a token for <paramref name="user"/>: header <c>{"alg":…,"typ":"JWT"}</c>, claims
    /// <c>{"sub":id,"aud":[…],"exp":now+lifetime}</c> in that order, where <c>now</c> is the current Unix time in
    /// whole seconds (rounded down) and <c>exp</c> is left out when the lifetime is <see langword="null"/>. With a
    /// <see cref="RevocationStore"/>, the claims are <c>{"sub":id,"aud":[…],"exp":now+lifetime,"iat":now,"jti":"…"}</c>,
    /// the <c>jti</c> 128 random bits in Base64Url.
    /// </summary>
    /// <param name="user">The authenticated user.</param>
    /// <returns>The compact token (a completed task).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or its identifier is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The identifier formats to an empty string or holds an unpaired surrogate.</exception>
    public Task<string> WriteTokenAsync(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        TId id = _userId is null ? ((IUser<TId>)user).Id : _userId(user);
        string subject = UserIds.Format(id);
        if (!Utf16Text.IsWellFormed(subject))
        {
            ThrowHelper.ThrowArgument("The user's identifier holds an unpaired UTF-16 surrogate and cannot be written to a token.", nameof(user));
        }

        // Revocation (opt-in): iat and a random jti, so that the token can be revoked.
        if (_revocation is not null)
        {
            return Task.FromResult(_revocation.Sign(subject, _audienceMember, LifetimeSeconds!.Value, EncodeKey));
        }

        long? expires = LifetimeSeconds is int lifetime ? TimeProvider.GetUtcNow().ToUnixTimeSeconds() + lifetime : null;
        return Task.FromResult(StrategyPayload.Sign(subject, _audienceMember, expires, EncodeKey));
    }

    /// <summary>
    /// Reads the user a token stands for. The result is <see langword="null"/> when the token is null or empty,
    /// malformed, not signed by this strategy's key, of another algorithm, expired (or not yet valid), for none of
    /// <see cref="TokenAudience"/>, without <c>exp</c> while a lifetime is set, without a string <c>sub</c>, when
    /// <see cref="IUserManager{TUser, TId}.TryParseId"/> refuses the subject, or when no such user exists. With a
    /// <see cref="RevocationStore"/>, also when the token was revoked, was issued before its user's cut-off, carries no
    /// <c>jti</c> or <c>iat</c>, or the store fails (revocation fails closed).
    /// </summary>
    /// <param name="token">The token; <see langword="null"/> when the request carried none.</param>
    /// <param name="manager">Parses identifiers and finds users.</param>
    /// <param name="cancellationToken">
    /// Passed to <see cref="IUserManager{TUser, TId}.GetAsync"/> and to the revocation store, and stops the wait for a
    /// refresh of a remote <see cref="VerificationKeys"/> set.
    /// </param>
    /// <returns>
    /// The user, or <see langword="null"/>. A bad token or a failing revocation store never makes it throw or fault;
    /// exceptions of the manager, and the cancellation of <paramref name="cancellationToken"/>, pass through.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="manager"/> is <see langword="null"/>.</exception>
    public Task<TUser?> ReadTokenAsync(string? token, IUserManager<TUser, TId> manager, CancellationToken cancellationToken = default)
    {
        Task<StrategyReadResult<TUser>> read = ReadTokenWithReasonAsync(token, manager, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            TUser? user = read.GetAwaiter().GetResult().User;
            return user is null ? s_noUser : Task.FromResult<TUser?>(user);
        }

        return UnwrapAsync(read);

        static async Task<TUser?> UnwrapAsync(Task<StrategyReadResult<TUser>> pending) => (await pending.ConfigureAwait(false)).User;
    }

    /// <summary>
    /// Reads the user a token stands for, as <see cref="ReadTokenAsync"/> does, and says why a token was refused:
    /// <see cref="StrategyReadResult{TUser}.Error"/> holds the code of a token that was null or empty, malformed,
    /// badly signed, expired, for another audience or without a string <c>sub</c> (<see cref="JwtErrorCode.MissingClaim"/>);
    /// its code is <see cref="JwtErrorCode.None"/> when the token was valid but its subject names no user of
    /// <paramref name="manager"/>. With a <see cref="RevocationStore"/>: <see cref="JwtErrorCode.Revoked"/> for a revoked
    /// token (claim <c>jti</c>) or one issued before its user's cut-off (claim <c>iat</c>), <see cref="JwtErrorCode.MissingClaim"/>
    /// for a token without <c>jti</c> or <c>iat</c>, and <see cref="JwtErrorCode.RevocationCheckFailed"/>, with
    /// <see cref="StrategyReadResult{TUser}.Exception"/>, when the store fails. The reason never holds token content.
    /// </summary>
    /// <param name="token">The token; <see langword="null"/> when the request carried none.</param>
    /// <param name="manager">Parses identifiers and finds users.</param>
    /// <param name="cancellationToken">
    /// Passed to <see cref="IUserManager{TUser, TId}.GetAsync"/> and to the revocation store, and stops the wait for a
    /// refresh of a remote <see cref="VerificationKeys"/> set (see <see cref="Jwt.WaitForKeyAsync"/>).
    /// </param>
    /// <returns>
    /// The user or the refusal reason. A bad token, a failing revocation store or a remote key set that cannot be fetched
    /// (<see cref="JwtErrorCode.KeySetUnavailable"/>) never makes it throw or fault; exceptions of the manager, and the
    /// cancellation of <paramref name="cancellationToken"/>, pass through.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="manager"/> is <see langword="null"/>.</exception>
    public Task<StrategyReadResult<TUser>> ReadTokenWithReasonAsync(string? token, IUserManager<TUser, TId> manager, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(new StrategyReadResult<TUser>(null, new JwtError(JwtErrorCode.Empty)));
        }

        // A remote set without the token's kid (or without a good copy): first the one refresh its rules allow.
        if (_readKeys is { IsLive: true })
        {
            Task wait = Jwt.WaitForKeyAsync(token, _readKeys, _options, cancellationToken);
            if (!wait.IsCompletedSuccessfully)
            {
                return ReadAfterAsync(wait, token, manager, cancellationToken);
            }
        }

        return ReadVerified(token, manager, cancellationToken);

        async Task<StrategyReadResult<TUser>> ReadAfterAsync(Task pending, string text, IUserManager<TUser, TId> users, CancellationToken cancel)
        {
            await pending.ConfigureAwait(false);
            return await ReadVerified(text, users, cancel).ConfigureAwait(false);
        }
    }

    private Task<StrategyReadResult<TUser>> ReadVerified(string token, IUserManager<TUser, TId> manager, CancellationToken cancellationToken)
    {
        bool valid = _readKeys is null
            ? Jwt.TryDecode(token, DecodeKey, _options, out JwtToken jwt, out JwtError error)
            : Jwt.TryDecode(token, _readKeys, _options, out jwt, out error);
        if (!valid)
        {
            return Task.FromResult(new StrategyReadResult<TUser>(null, error));
        }

        if (jwt.Subject is not string subject)
        {
            return Task.FromResult(new StrategyReadResult<TUser>(null, new JwtError(JwtErrorCode.MissingClaim, "sub")));
        }

        // Revocation (opt-in). The check runs here, after the token is decoded, on every read: whether the decode
        // verified the token or a verified-token cache answered it, so a revoked token is refused at once.
        if (_revocation is not null)
        {
            ValueTask<RevocationVerdict> check = _revocation.CheckAsync(jwt, subject, cancellationToken);
            if (!check.IsCompletedSuccessfully)
            {
                return ReadAfterRevocationCheckAsync(check, subject, manager, cancellationToken);
            }

            RevocationVerdict verdict = check.Result;
            if (verdict.Error.Code != JwtErrorCode.None)
            {
                return Task.FromResult(new StrategyReadResult<TUser>(null, verdict.Error, verdict.Exception));
            }
        }

        if (!manager.TryParseId(subject, out TId? id))
        {
            return Task.FromResult(new StrategyReadResult<TUser>(null, default));
        }

        Task<TUser?> lookup = manager.GetAsync(id, cancellationToken);
        if (lookup.IsCompletedSuccessfully)
        {
            return Task.FromResult(new StrategyReadResult<TUser>(lookup.GetAwaiter().GetResult(), default));
        }

        return WrapAsync(lookup);

        static async Task<StrategyReadResult<TUser>> WrapAsync(Task<TUser?> pending) =>
            new(await pending.ConfigureAwait(false), default);
    }

    /// <summary>
    /// Logout. Without a <see cref="RevocationStore"/>, a JWT cannot be invalidated on the server side, so this always
    /// fails. With one, the token's <c>jti</c> is revoked until the token expires (a token this strategy refuses anyway,
    /// expired or not its own, is left alone).
    /// </summary>
    /// <param name="token">The token.</param>
    /// <param name="user">Its user.</param>
    /// <returns>A task faulted with <see cref="StrategyDestroyNotSupportedException"/> without a store; with one, a task that completes once the store holds the revocation.</returns>
    /// <exception cref="StrategyDestroyNotSupportedException">Without a store, always, through the returned task: "A JWT can't be invalidated: it's valid until it expires."</exception>
    /// <exception cref="ArgumentNullException">With a store: <paramref name="token"/> or <paramref name="user"/> is <see langword="null"/>.</exception>
    /// <remarks>With a store, an exception of the store (it is full, or unreachable) faults the returned task: the token was not revoked.</remarks>
    public Task DestroyTokenAsync(string token, TUser user)
    {
        // Revocation (opt-in): revoke the jti until exp.
        if (_revocation is not null)
        {
            ArgumentNullException.ThrowIfNull(token);
            ArgumentNullException.ThrowIfNull(user);
            return _revocation.RevokeAsync(token, DecodeKey, _options);
        }

        return Task.FromException(new StrategyDestroyNotSupportedException());
    }

    /// <summary>
    /// Log out everywhere (after a password change, say): refuses every token of <paramref name="user"/> issued so far,
    /// and none issued after the returned task completes, by setting the user's cut-off in the <see cref="RevocationStore"/>.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the store's write or the wait.</param>
    /// <returns>A task that completes once the cut-off is stored and in the past.</returns>
    /// <remarks>
    /// <c>iat</c> is whole seconds, so the cut-off is the next whole second after the call: a token whose <c>iat</c> is
    /// earlier is refused, which takes in every token issued up to the call and those issued in the rest of that second.
    /// The task completes only once the strategy's clock has reached the cut-off (a wait under one second), so a token
    /// written after it completes is accepted. Across instances, the rule is as good as their clocks agree.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The strategy has no revocation store.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or its identifier is <see langword="null"/>.</exception>
    public Task RevokeAllTokensAsync(TUser user, CancellationToken cancellationToken = default)
    {
        if (_revocation is null)
        {
            throw new InvalidOperationException("This strategy has no revocation store: pass revocationStore to its constructor to revoke tokens.");
        }

        ArgumentNullException.ThrowIfNull(user);
        TId id = _userId is null ? ((IUser<TId>)user).Id : _userId(user);
        return _revocation.RevokeAllAsync(UserIds.Format(id), cancellationToken);
    }

    // Revocation (opt-in): the rest of a read once a store that answers asynchronously has answered; then the same
    // steps as ReadTokenWithReasonAsync (parse the identifier, find the user).
    private static async Task<StrategyReadResult<TUser>> ReadAfterRevocationCheckAsync(
        ValueTask<RevocationVerdict> check, string subject, IUserManager<TUser, TId> manager, CancellationToken cancellationToken)
    {
        RevocationVerdict verdict = await check.ConfigureAwait(false);
        if (verdict.Error.Code != JwtErrorCode.None)
        {
            return new StrategyReadResult<TUser>(null, verdict.Error, verdict.Exception);
        }

        if (!manager.TryParseId(subject, out TId? id))
        {
            return new StrategyReadResult<TUser>(null, default);
        }

        return new StrategyReadResult<TUser>(await manager.GetAsync(id, cancellationToken).ConfigureAwait(false), default);
    }

    private static JwtAlgorithm ParseAlgorithm(string name)
    {
        if (TryParseAlgorithm(name, out JwtAlgorithm algorithm))
        {
            return algorithm;
        }

        const string Supported = "HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512";
        if (name.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            ThrowHelper.ThrowArgument("Unsigned tokens ('none') are never written or accepted; use " + Supported + ".", nameof(algorithm));
        }

        if (TryParseAlgorithm(name.Trim().ToUpperInvariant(), out algorithm))
        {
            ThrowHelper.ThrowArgument(
                "Algorithm names are exact and case-sensitive: use \"" + algorithm + "\" instead of \"" + name + "\".",
                nameof(algorithm));
        }

        ThrowHelper.ThrowArgument("The algorithm \"" + name + "\" is not supported; use " + Supported + ".", nameof(algorithm));
        return default;
    }

    // An algorithm's name is its JwtAlgorithm name, compared exactly (no numbers, no other case, no spaces).
    private static bool TryParseAlgorithm(string name, out JwtAlgorithm algorithm)
    {
        foreach (JwtAlgorithm candidate in Enum.GetValues<JwtAlgorithm>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.Ordinal))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    // The strategy's algorithm and those of the further keys; for a live set, every algorithm of the strategy's kind.
    private static JwtAlgorithm[] AcceptedAlgorithms(JwtAlgorithm algorithm, JwtKeySet? verificationKeys)
    {
        if (verificationKeys is null)
        {
            return [algorithm];
        }

        bool secret = JwtAlgorithms.GetFamily(algorithm) == JwtAlgorithmFamily.Hmac;
        var accepted = new List<JwtAlgorithm> { algorithm };
        foreach (JwtAlgorithm candidate in Enum.GetValues<JwtAlgorithm>())
        {
            if (candidate != algorithm
                && (verificationKeys.IsLive ? (JwtAlgorithms.GetFamily(candidate) == JwtAlgorithmFamily.Hmac) == secret : HasKeyFor(verificationKeys, candidate)))
            {
                accepted.Add(candidate);
            }
        }

        return [.. accepted];

        static bool HasKeyFor(JwtKeySet set, JwtAlgorithm candidate)
        {
            foreach (JwtKey key in set.Keys)
            {
                if (key.Algorithm == candidate)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static ReadOnlyCollection<string> CopyAudiences(IEnumerable<string>? tokenAudience)
    {
        if (tokenAudience is null)
        {
            return new ReadOnlyCollection<string>(["fastapi-users:auth"]);
        }

        string[] audiences = [.. tokenAudience];
        if (audiences.Length == 0)
        {
            ThrowHelper.ThrowArgument(
                "The audience list is empty, so every token would be refused. Give at least one audience, or leave tokenAudience out for [\"fastapi-users:auth\"].",
                nameof(tokenAudience));
        }

        foreach (string audience in audiences)
        {
            if (string.IsNullOrEmpty(audience) || !Utf16Text.IsWellFormed(audience))
            {
                ThrowHelper.ThrowArgument(
                    "The audience list holds a null or empty value, or a string with an unpaired surrogate; every audience must be a non-empty string.",
                    nameof(tokenAudience));
            }
        }

        return new ReadOnlyCollection<string>(audiences);
    }
}
