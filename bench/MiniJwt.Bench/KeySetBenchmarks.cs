using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MiniJwt.Bench;

/// <summary>
/// What choosing the key from a <see cref="JwtKeySet"/> by <c>kid</c> costs over verifying with the key given directly:
/// the same fastapi-users token (with a <c>kid</c>), verified in full (signature, <c>exp</c>, <c>aud</c>) with its
/// public key, and with a set of four keys of the algorithm among which the header's <c>kid</c> names the third.
/// Run with <c>--filter '*KeySet*'</c>.
/// </summary>
[MemoryDiagnoser]
public class KeySetBenchmarks
{
    private const string Payload = "{\"sub\":\"00000000-0123-4567-890a-bcdef1234591\",\"aud\":[\"fastapi-users:auth\"],\"exp\":4102444800}";

    private JwtKey _direct = null!;
    private JwtKeySet _set = null!;
    private JwtValidationOptions _options = null!;
    private string _token = null!;

    /// <summary>The algorithm of the token and of every key.</summary>
    [Params(JwtAlgorithm.HS256, JwtAlgorithm.ES256)]
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>Makes four keys (kids <c>key-1</c> to <c>key-4</c>), signs the token with the third, and checks both verifiers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var keys = new JwtKey[4];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = MakeKey(Algorithm, "key-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _token = Jwt.Encode(Encoding.UTF8.GetBytes(Payload), keys[2]);
        _direct = keys[2].ToPublicKey();
        _set = new JwtKeySet(Array.ConvertAll(keys, k => k.ToPublicKey()));
        _options = new JwtValidationOptions(Algorithm) { Audiences = ["fastapi-users:auth"] };

        Sanity.Check(DirectKey() && KeySet(), "the token verifies with its key and with the set");
        string other = Jwt.Encode(Encoding.UTF8.GetBytes(Payload), MakeKey(Algorithm, "key-3"));
        Sanity.Check(!Jwt.TryDecode(other, _set, _options, out _, out _), "the set refuses a token of another key under the same kid");
    }

    /// <summary>The key given directly.</summary>
    /// <returns>Whether the token verified.</returns>
    [Benchmark(Baseline = true)]
    public bool DirectKey() => Jwt.TryDecode(_token, _direct, _options, out _, out _);

    /// <summary>The key chosen from the set of four by the header's <c>kid</c>.</summary>
    /// <returns>Whether the token verified.</returns>
    [Benchmark]
    public bool KeySet() => Jwt.TryDecode(_token, _set, _options, out _, out _);

    private static JwtKey MakeKey(JwtAlgorithm algorithm, string keyId)
    {
        if (algorithm == JwtAlgorithm.HS256)
        {
            return JwtKey.FromSecret(algorithm, RandomNumberGenerator.GetBytes(32), keyId);
        }

        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return JwtKey.FromECDsa(algorithm, ecdsa, keyId);
    }
}
