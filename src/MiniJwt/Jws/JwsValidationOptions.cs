using System;
using System.Collections.Generic;

namespace MiniJwt;

/// <summary>
/// What a JWS must satisfy before its signature is even checked: the algorithm allow-list and the size limits.
/// Immutable once made and safe to share between threads.
/// </summary>
public sealed class JwsValidationOptions
{
    /// <summary>The default <see cref="MaxTokenLength"/>: 8 KiB.</summary>
    public const int DefaultMaxTokenLength = 8 * 1024;

    /// <summary>The default <see cref="MaxJsonDepth"/>: 16 levels.</summary>
    public const int DefaultMaxJsonDepth = 16;

    private readonly JwtAlgorithm[] _algorithms;
    private readonly int _maxTokenLength = DefaultMaxTokenLength;
    private readonly int _maxJsonDepth = DefaultMaxJsonDepth;

    /// <summary>Creates options accepting exactly <paramref name="algorithms"/>.</summary>
    /// <param name="algorithms">The allowed algorithms; at least one. There is no default on purpose.</param>
    /// <exception cref="ArgumentNullException"><paramref name="algorithms"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty or holds an undefined value.</exception>
    public JwsValidationOptions(params JwtAlgorithm[] algorithms)
        : this((IReadOnlyCollection<JwtAlgorithm>)algorithms)
    {
    }

    /// <summary>Creates options accepting exactly <paramref name="algorithms"/>.</summary>
    /// <param name="algorithms">The allowed algorithms; at least one. There is no default on purpose.</param>
    /// <exception cref="ArgumentNullException"><paramref name="algorithms"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty or holds an undefined value.</exception>
    public JwsValidationOptions(IReadOnlyCollection<JwtAlgorithm> algorithms)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        if (algorithms.Count == 0)
        {
            ThrowHelper.ThrowArgument("At least one algorithm must be allowed; there is no default allow-list.", nameof(algorithms));
        }

        var list = new List<JwtAlgorithm>(algorithms.Count);
        foreach (JwtAlgorithm algorithm in algorithms)
        {
            if (!JwtAlgorithms.IsDefined(algorithm))
            {
                ThrowHelper.ThrowArgument("Not a JWS algorithm MiniJwt implements: " + (int)algorithm + ".", nameof(algorithms));
            }

            AllowedMask |= 1u << (int)algorithm;
            if (!list.Contains(algorithm))
            {
                list.Add(algorithm);
            }
        }

        _algorithms = list.ToArray();
    }

    /// <summary>The allowed algorithms (the header's <c>alg</c> must be one of them, exactly).</summary>
    public IReadOnlyList<JwtAlgorithm> Algorithms => _algorithms;

    /// <summary>The longest token accepted, in characters; longer ones fail with <see cref="JwtErrorCode.TokenTooLarge"/> before any decoding. Default 8 KiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 16 or over 16 MiB.</exception>
    public int MaxTokenLength
    {
        get => _maxTokenLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 16);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 16 * 1024 * 1024);
            _maxTokenLength = value;
        }
    }

    /// <summary>The deepest JSON nesting accepted in the header and payload. Default 16.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 1 or over 256.</exception>
    public int MaxJsonDepth
    {
        get => _maxJsonDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            _maxJsonDepth = value;
        }
    }

    internal uint AllowedMask { get; }

    internal bool Allows(JwtAlgorithm algorithm) => (AllowedMask & (1u << (int)algorithm)) != 0;
}
