namespace MiniJwt.Cli;

/// <summary>What <c>keygen</c> made: an HMAC secret, or a private and a public PEM.</summary>
internal sealed class GeneratedKey
{
    public GeneratedKey(JwtAlgorithm algorithm, string description, string? secret, string? privatePem, string? publicPem)
    {
        Algorithm = algorithm;
        Description = description;
        Secret = secret;
        PrivatePem = privatePem;
        PublicPem = publicPem;
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
}
