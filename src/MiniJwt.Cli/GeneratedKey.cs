namespace MiniJwt.Cli;

/// <summary>What <c>keygen</c> made: an HMAC secret, or a private and a public PEM; and the key as JWK.</summary>
internal sealed class GeneratedKey
{
    public GeneratedKey(JwtAlgorithm algorithm, string description, string? secret, string? privatePem, string? publicPem, JwtKey key, string thumbprint)
    {
        Algorithm = algorithm;
        Description = description;
        Secret = secret;
        PrivatePem = privatePem;
        PublicPem = publicPem;
        KeyId = key.KeyId;
        Thumbprint = thumbprint;
        PrivateJwk = key.ToJwk(includePrivate: true);
        PublicJwk = secret is null ? key.ToJwk() : null;
    }

    public JwtAlgorithm Algorithm { get; }

    /// <summary>Such as <c>RSA 2048-bit</c> or <c>EC P-256</c> or <c>secret of 32 random bytes</c>.</summary>
    public string Description { get; }

    /// <summary>The HMAC secret: Base64Url text of random bytes, used as it is (its UTF-8 bytes are the key).</summary>
    public string? Secret { get; }

    /// <summary>The private key, PKCS#8 PEM.</summary>
    public string? PrivatePem { get; }

    /// <summary>The public key, SPKI PEM.</summary>
    public string? PublicPem { get; }

    /// <summary>The key id given with <c>--kid</c> or <c>--kid-thumbprint</c>, written in the JWKs.</summary>
    public string? KeyId { get; }

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, Base64Url).</summary>
    public string Thumbprint { get; }

    /// <summary>The JWK with its private values (an HMAC key: its secret, as <c>oct</c>).</summary>
    public string PrivateJwk { get; }

    /// <summary>The public JWK; <see langword="null"/> for an HMAC secret, which has none.</summary>
    public string? PublicJwk { get; }
}
