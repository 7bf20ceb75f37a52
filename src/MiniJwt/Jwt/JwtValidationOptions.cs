using System;
using System.Collections.Generic;
using System.Text;

namespace MiniJwt;

/// <summary>
/// What a JWT must satisfy: the JWS rules (<see cref="Jws"/>: the allow-list and limits) plus the claims (RFC 7519 §4.1).
/// Immutable once made (lists are copied) and safe to share between threads.
/// </summary>
/// <remarks>
/// Defaults are strict: <c>exp</c> is required, a token carrying <c>aud</c> is refused unless audiences are
/// configured (RFC 7519 §4.1.3) or <see cref="ValidateAudience"/> is turned off, and the leeway is zero.
/// </remarks>
public sealed class JwtValidationOptions
{
    private JwsValidationOptions _jws;
    private readonly string[]? _audiences;
    private readonly byte[][]? _audiencesUtf8;
    private readonly string[]? _issuers;
    private readonly byte[][]? _issuersUtf8;
    private readonly string[] _requiredClaims = [];
    private readonly byte[][] _requiredClaimsUtf8 = [];
    private readonly TimeSpan _leeway;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly bool _validateAudience = true;

    /// <summary>Creates options accepting exactly <paramref name="algorithms"/>.</summary>
    /// <param name="algorithms">The allowed algorithms; at least one. There is no default on purpose.</param>
    /// <exception cref="ArgumentNullException"><paramref name="algorithms"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty or holds an undefined value.</exception>
    public JwtValidationOptions(params JwtAlgorithm[] algorithms)
        : this((IReadOnlyCollection<JwtAlgorithm>)algorithms)
    {
    }

    /// <summary>Creates options accepting exactly <paramref name="algorithms"/>.</summary>
    /// <param name="algorithms">The allowed algorithms; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="algorithms"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty or holds an undefined value.</exception>
    public JwtValidationOptions(IReadOnlyCollection<JwtAlgorithm> algorithms)
    {
        _jws = new JwsValidationOptions(algorithms);
    }

    /// <summary>The JWS rules these options verify with: the allow-list and the limits, without any claim rule.</summary>
    public JwsValidationOptions Jws => _jws;

    /// <summary>The allowed algorithms (the header's <c>alg</c> must be one of them, exactly).</summary>
    public IReadOnlyList<JwtAlgorithm> Algorithms => _jws.Algorithms;

    /// <summary>The longest token accepted, in characters (<see cref="JwsValidationOptions.MaxTokenLength"/>). Default 8 KiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 16 or over 16 MiB.</exception>
    public int MaxTokenLength
    {
        get => _jws.MaxTokenLength;
        init => _jws = new JwsValidationOptions(_jws.Algorithms) { MaxTokenLength = value, MaxJsonDepth = _jws.MaxJsonDepth };
    }

    /// <summary>The deepest JSON nesting accepted in the header and payload (<see cref="JwsValidationOptions.MaxJsonDepth"/>). Default 16.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 1 or over 256.</exception>
    public int MaxJsonDepth
    {
        get => _jws.MaxJsonDepth;
        init => _jws = new JwsValidationOptions(_jws.Algorithms) { MaxTokenLength = _jws.MaxTokenLength, MaxJsonDepth = value };
    }

    /// <summary>
    /// The accepted audiences, or <see langword="null"/> for none. When set, the token must carry <c>aud</c>
    /// (a string or an array of strings) and one of its values must equal one of these (ordinal, case-sensitive).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The list is empty or holds a null or empty value, or <see cref="ValidateAudience"/> is <see langword="false"/>
    /// (audiences that would never be checked).
    /// </exception>
    public IReadOnlyList<string>? Audiences
    {
        get => _audiences;
        init
        {
            (string[]? audiences, byte[][]? utf8) = CopyList(value, nameof(Audiences), allowEmptyValue: false);
            if (audiences is not null && !_validateAudience)
            {
                ThrowContradictoryAudience();
            }

            (_audiences, _audiencesUtf8) = (audiences, utf8);
        }
    }

    /// <summary>
    /// <see langword="true"/> (the default) to check <c>aud</c>: against <see cref="Audiences"/> when set, and
    /// otherwise to refuse any token that carries <c>aud</c>. <see langword="false"/> ignores the claim (its type is still
    /// checked); it cannot be combined with <see cref="Audiences"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is <see langword="false"/> while <see cref="Audiences"/> are set.</exception>
    public bool ValidateAudience
    {
        get => _validateAudience;
        init
        {
            if (!value && _audiences is not null)
            {
                ThrowContradictoryAudience();
            }

            _validateAudience = value;
        }
    }

    /// <summary>The accepted issuers, or <see langword="null"/> for any. When set, <c>iss</c> is required and must equal one of them exactly.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a null value.</exception>
    public IReadOnlyList<string>? Issuers
    {
        get => _issuers;
        init => (_issuers, _issuersUtf8) = CopyList(value, nameof(Issuers), allowEmptyValue: true);
    }

    /// <summary>Claims that must be present and not null, besides those implied by the other options.</summary>
    /// <exception cref="ArgumentException">A name is null or empty, or there are more than 64.</exception>
    public IReadOnlyList<string> RequiredClaims
    {
        get => _requiredClaims;
        init
        {
            (string[]? names, byte[][]? utf8) = CopyList(value, nameof(RequiredClaims), allowEmptyValue: false, allowEmptyList: true);
            if (names is { Length: > 64 })
            {
                ThrowHelper.ThrowArgument("At most 64 required claims.", nameof(RequiredClaims));
            }

            _requiredClaims = names ?? [];
            _requiredClaimsUtf8 = utf8 ?? [];
        }
    }

    /// <summary><see langword="true"/> (the default) to refuse a token without <c>exp</c>.</summary>
    public bool RequireExpiration { get; init; } = true;

    /// <summary>The clock skew tolerated on <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or over one day.</exception>
    public TimeSpan Leeway
    {
        get => _leeway;
        init
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(Leeway), "The leeway must be between zero and one day.");
            }

            _leeway = value;
        }
    }

    /// <summary>
    /// The expected <c>typ</c> header, or <see langword="null"/> not to check it. Compared without regard to
    /// ASCII case, and <c>application/</c> may be omitted on either side (RFC 7515 §4.1.9).
    /// </summary>
    public string? Type { get; init; }

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _timeProvider = value;
        }
    }

    /// <summary>
    /// A cache of verified tokens, or <see langword="null"/> (the default) for none. With one, a token that verified
    /// in full under these options and the same key object is, when presented again, checked only for <c>exp</c>,
    /// <c>nbf</c> and <c>iat</c> against the current clock; see <see cref="JwtTokenCache"/>. One cache may serve
    /// several options objects and keys: each remembered verdict holds to the pair it was reached with.
    /// </summary>
    public JwtTokenCache? TokenCache { get; init; }

    internal byte[][]? AudiencesUtf8 => _audiencesUtf8;

    internal byte[][]? IssuersUtf8 => _issuersUtf8;

    internal byte[][] RequiredClaimsUtf8 => _requiredClaimsUtf8;

    private static void ThrowContradictoryAudience() =>
        ThrowHelper.ThrowArgument(
            "ValidateAudience = false ignores the aud claim, so the configured Audiences would never be checked. "
            + "Keep ValidateAudience (the default) to check them, or remove Audiences to ignore aud.",
            nameof(Audiences));

    private static (string[]? Values, byte[][]? Utf8) CopyList(IReadOnlyList<string>? values, string name, bool allowEmptyValue, bool allowEmptyList = false)
    {
        if (values is null)
        {
            return (null, null);
        }

        if (values.Count == 0 && !allowEmptyList)
        {
            ThrowHelper.ThrowArgument("The list is empty; set null to configure none.", name);
        }

        string[] copy = new string[values.Count];
        byte[][] utf8 = new byte[values.Count][];
        for (int i = 0; i < copy.Length; i++)
        {
            string value = values[i];
            if (value is null || (value.Length == 0 && !allowEmptyValue))
            {
                ThrowHelper.ThrowArgument("The list holds a null or empty value.", name);
            }

            copy[i] = value!;
            utf8[i] = Encoding.UTF8.GetBytes(value!);
        }

        return (copy, utf8);
    }
}
