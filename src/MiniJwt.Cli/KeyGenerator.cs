using System.Security.Cryptography;

namespace MiniJwt.Cli;

/// <summary>Makes new keys: HS* a random secret of the hash size, RS*/PS* an RSA key, ES* a key on the algorithm's curve.</summary>
internal static class KeyGenerator
{
    public const int DefaultRsaBits = 2048;

    /// <summary>
    /// Makes a key for <paramref name="algorithm"/>. Its JWKs carry <paramref name="keyId"/>, or with
    /// <paramref name="thumbprintKeyId"/> the key's own RFC 7638 thumbprint.
    /// </summary>
    public static GeneratedKey Generate(JwtAlgorithm algorithm, int rsaBits, string? keyId, bool thumbprintKeyId)
    {
        switch (AlgorithmNames.KindOf(algorithm))
        {
            case KeyKind.Secret:
                int size = AlgorithmNames.HashBytes(algorithm);
                byte[] bytes = RandomNumberGenerator.GetBytes(size);
                string secret = Base64UrlText.Encode(bytes);
                CryptographicOperations.ZeroMemory(bytes);
                JwtKey hmac = JwtKey.FromSecret(algorithm, secret);
                string hmacThumbprint = hmac.ComputeJwkThumbprint();
                hmac = JwtKey.FromSecret(algorithm, secret, thumbprintKeyId ? hmacThumbprint : keyId);
                return new GeneratedKey(algorithm, "secret of " + size + " random bytes, Base64Url", secret, null, null, hmac, hmacThumbprint);
            case KeyKind.Rsa:
                using (RSA rsa = RSA.Create(rsaBits))
                {
                    return FromPem(algorithm, "RSA " + rsaBits + "-bit", rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem(), keyId, thumbprintKeyId);
                }

            default:
                ECCurve curve = algorithm switch
                {
                    JwtAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
                    JwtAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
                    _ => ECCurve.NamedCurves.nistP521,
                };
                using (ECDsa ecdsa = ECDsa.Create(curve))
                {
                    return FromPem(algorithm, "EC P-" + ecdsa.KeySize, ecdsa.ExportPkcs8PrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem(), keyId, thumbprintKeyId);
                }
        }
    }

    private static GeneratedKey FromPem(JwtAlgorithm algorithm, string description, string privatePem, string publicPem, string? keyId, bool thumbprintKeyId)
    {
        string thumbprint = JwtKey.FromPem(algorithm, publicPem).ComputeJwkThumbprint();
        JwtKey key = JwtKey.FromPem(algorithm, privatePem, thumbprintKeyId ? thumbprint : keyId);
        return new GeneratedKey(algorithm, description, null, privatePem, publicPem, key, thumbprint);
    }
}
