using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MiniJwt.Bench;

/// <summary>
/// What hostile inputs cost: each is refused (or, for the 100,000 members, read) by an HS256 verifier. The
/// baseline is a valid fastapi-users-sized token. Run with <c>--filter '*Limits*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LimitsBenchmarks
{
    private const string Secret = "correct horse battery staple, 32+ bytes long, kept secret";
    private const long Exp = 4102444800;

    private JwtKey _key = null!;
    private JwtValidationOptions _default = null!;
    private JwtValidationOptions _raised = null!;
    private string _valid = null!;
    private string _oneMegabyte = null!;
    private string _nested = null!;
    private string _bigSignature = null!;
    private string _manyMembers = null!;

    /// <summary>Builds the key, the options and the tokens.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = JwtKey.FromSecret(JwtAlgorithm.HS256, Secret);
        _default = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["fastapi-users:auth"] };
        _raised = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["fastapi-users:auth"], MaxTokenLength = 16 * 1024 * 1024 };
        string claims = "\"sub\":\"00000000-0123-4567-890a-bcdef1234591\",\"aud\":[\"fastapi-users:auth\"],\"exp\":" + Exp.ToString(CultureInfo.InvariantCulture);

        _valid = Sign("{" + claims + "}");
        _oneMegabyte = Sign("{" + claims + ",\"pad\":\"" + new string('x', 780_000) + "\"}");
        _nested = Sign("{" + claims + ",\"deep\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        _bigSignature = _valid[..(_valid.LastIndexOf('.') + 1)] + new string('A', 100 * 1024);
        _manyMembers = Sign("{" + claims + string.Concat(Enumerable.Range(0, 100_000).Select(i => ",\"m" + i.ToString(CultureInfo.InvariantCulture) + "\":0")) + "}");
    }

    /// <summary>A valid token, verified: signature, exp and aud.</summary>
    /// <returns>The error code (None).</returns>
    [Benchmark(Baseline = true)]
    public JwtErrorCode ValidToken() => Decode(_valid, _default);

    /// <summary>A 1 MB token under the default 8 KiB limit: TokenTooLarge.</summary>
    /// <returns>The error code.</returns>
    [Benchmark]
    public JwtErrorCode OneMegabyteToken() => Decode(_oneMegabyte, _default);

    /// <summary>A signed payload nested 10,000 deep (27 KB), limit raised so it reaches the parser: InvalidJson at depth 16.</summary>
    /// <returns>The error code.</returns>
    [Benchmark]
    public JwtErrorCode Nested10000Deep() => Decode(_nested, _raised);

    /// <summary>A 100 KB signature under the default limit: TokenTooLarge.</summary>
    /// <returns>The error code.</returns>
    [Benchmark]
    public JwtErrorCode Signature100KB() => Decode(_bigSignature, _default);

    /// <summary>A 100 KB signature with the limit raised: InvalidSignature from its length, before decoding it.</summary>
    /// <returns>The error code.</returns>
    [Benchmark]
    public JwtErrorCode Signature100KBRaisedLimit() => Decode(_bigSignature, _raised);

    /// <summary>A signed payload of 100,000 members (1.45 MB token), limit raised: read and accepted.</summary>
    /// <returns>The error code (None).</returns>
    [Benchmark]
    public JwtErrorCode Members100000() => Decode(_manyMembers, _raised);

    // Jws.Sign, not Jwt.Encode: the encoder itself refuses JSON nested deeper than 256 levels.
    private string Sign(string json) => Jws.Sign(Encoding.UTF8.GetBytes(json), _key, Jwt.DefaultType);

    private JwtErrorCode Decode(string token, JwtValidationOptions options)
    {
        Jwt.TryDecode(token, _key, options, out _, out JwtError error);
        return error.Code;
    }
}
