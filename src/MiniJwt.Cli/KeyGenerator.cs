using System.Security.Cryptography;

namespace MiniJwt.Cli;

/// <summary>Makes new keys: HS* a random secret of the hash size, RS*/PS* an RSA key, ES* a key on the algorithm's curve.</summary>
internal static class KeyGenerator
{
    public const int DefaultRsaBits = 2048;

    public static GeneratedKey Generate(JwtAlgorithm algorithm, int rsaBits)
    {
        switch (AlgorithmNames.KindOf(algorithm))
        {
            case KeyKind.Secret:
                int size = AlgorithmNames.HashBytes(algorithm);
                byte[] bytes = RandomNumberGenerator.GetBytes(size);
                string secret = Base64UrlText.Encode(bytes);
                CryptographicOperations.ZeroMemory(bytes);
                return new GeneratedKey(algorithm, "secret of " + size + " random bytes, Base64Url", secret, null, null);
            case KeyKind.Rsa:
                using (RSA rsa = RSA.Create(rsaBits))
                {
                    return new GeneratedKey(algorithm, "RSA " + rsaBits + "-bit", null, rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
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
                    return new GeneratedKey(algorithm, "EC P-" + ecdsa.KeySize, null, ecdsa.ExportPkcs8PrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem());
                }
        }
    }
}
