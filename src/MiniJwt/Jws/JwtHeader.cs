using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>The protected header parameters MiniJwt reads. Keys or URLs in the header (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>) are never used.</summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "A read-only view of a verified header, not a value to compare; compare its properties.")]
public readonly struct JwtHeader
{
    internal JwtHeader(JwtAlgorithm algorithm, string? type, string? keyId, string? contentType)
    {
        Algorithm = algorithm;
        Type = type;
        KeyId = keyId;
        ContentType = contentType;
    }

    /// <summary>The <c>alg</c> parameter.</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The <c>typ</c> parameter, or <see langword="null"/>.</summary>
    public string? Type { get; }

    /// <summary>The <c>kid</c> parameter, or <see langword="null"/>.</summary>
    public string? KeyId { get; }

    /// <summary>The <c>cty</c> parameter, or <see langword="null"/>.</summary>
    public string? ContentType { get; }
}
