namespace MiniJwt;

/// <summary>
/// A member of a JWK Set that was meant as a signature key (kty RSA, EC or oct; use and key_ops allowing it) but was
/// skipped because its content is not a usable key. It still claims its <c>kid</c>: a token naming that <c>kid</c> finds
/// the claim ambiguous with any usable key of the same <c>kid</c>, rather than silently taking the other one.
/// </summary>
internal readonly record struct JwkClaim(string? KeyId, string Kty, string? Alg)
{
    /// <summary>Tells whether a key for <paramref name="algorithm"/> could have been this member.</summary>
    public bool Fits(JwtAlgorithm algorithm)
    {
        JwtAlgorithmFamily family = JwtAlgorithms.GetFamily(algorithm);
        bool kty = Kty switch
        {
            "oct" => family == JwtAlgorithmFamily.Hmac,
            "RSA" => family is JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss,
            _ => family == JwtAlgorithmFamily.Ecdsa,
        };
        return kty && (Alg is null || Alg == JwtAlgorithms.GetName(algorithm));
    }
}
