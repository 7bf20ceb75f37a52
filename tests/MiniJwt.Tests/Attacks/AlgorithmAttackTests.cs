using System.Linq;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Attacks on <c>alg</c>: unsecured tokens (<c>none</c>), a missing or mistyped <c>alg</c>, near-miss names, an
/// algorithm outside the allow-list, and a key used with another algorithm than the one it is bound to.
/// Every forged token carries a signature made with the trusted key, so only the attack can make it fail.
/// </summary>
public sealed class AlgorithmAttackTests
{
    private static readonly JwtValidationOptions s_hs256 = Options(JwtAlgorithm.HS256);
    private static readonly JwtValidationOptions s_everyAlgorithm = Options(JwtAlgorithms.All.ToArray());

    [Fact]
    public void Control_ForgedWithTheTrustedKeyAndAHonestHeader_IsAccepted()
    {
        AssertAccepted(Forge("{\"alg\":\"HS256\"}", ValidPayload, Hs256), Hs256, s_hs256);
        AssertAccepted(Forge("{\"alg\":\"HS256\"}", ValidPayload, Hs256), Hs256, s_everyAlgorithm);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    [InlineData("noNE")]
    public void AlgNone_InAnyCase_WithAnEmptySignature_IsAlgorithmNotAllowed(string alg)
    {
        string token = B64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + B64(ValidPayload) + ".";
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.AlgorithmNotAllowed);
        AssertRefused(token, Hs256, s_everyAlgorithm, JwtErrorCode.AlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    public void AlgNone_WithAValidMacOfTheTrustedKey_IsAlgorithmNotAllowed(string alg)
    {
        string token = Forge("{\"alg\":\"" + alg + "\"}", ValidPayload, Hs256);
        AssertRefused(token, Hs256, s_everyAlgorithm, JwtErrorCode.AlgorithmNotAllowed);
    }

    [Fact]
    public void AlgNone_WithNoSignatureSegmentAtAll_IsMalformed()
    {
        string token = B64("{\"alg\":\"none\"}") + "." + B64(ValidPayload);
        AssertRefused(token, Hs256, s_everyAlgorithm, JwtErrorCode.Malformed);
    }

    [Theory]
    [InlineData("{\"typ\":\"JWT\"}")]
    [InlineData("{}")]
    [InlineData("{\"ALG\":\"HS256\"}")]
    [InlineData("{\"Alg\":\"HS256\"}")]
    [InlineData("{\"alg \":\"HS256\"}")]
    [InlineData("{\"x\":{\"alg\":\"HS256\"}}")]
    public void AlgMissing_IsMissingAlgorithm(string header)
    {
        AssertRefused(Forge(header, ValidPayload, Hs256), Hs256, s_everyAlgorithm, JwtErrorCode.MissingAlgorithm);
    }

    [Fact]
    public void AlgNull_IsMissingAlgorithm()
    {
        AssertRefused(Forge("{\"alg\":null}", ValidPayload, Hs256), Hs256, s_everyAlgorithm, JwtErrorCode.MissingAlgorithm);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("[\"HS256\"]")]
    [InlineData("[]")]
    [InlineData("{\"name\":\"HS256\"}")]
    [InlineData("1e400")]
    public void AlgNotAString_IsMissingAlgorithm(string value)
    {
        AssertRefused(Forge("{\"alg\":" + value + "}", ValidPayload, Hs256), Hs256, s_everyAlgorithm, JwtErrorCode.MissingAlgorithm);
    }

    [Theory]
    [InlineData("hs256")]
    [InlineData("Hs256")]
    [InlineData("hS256")]
    [InlineData("HS256 ")]
    [InlineData(" HS256")]
    [InlineData("HS256\\t")]
    [InlineData("HS256\\n")]
    [InlineData("HS256\\u0000")]
    [InlineData("\\u0000HS256")]
    [InlineData("HS 256")]
    [InlineData("HS-256")]
    [InlineData("HS2560")]
    [InlineData("HS25")]
    [InlineData("HMAC-SHA256")]
    [InlineData("HS256,none")]
    [InlineData("\\u0048\\u0053256\\u200b")]
    [InlineData("ＨＳ256")]
    [InlineData("")]
    public void AlgNearMiss_IsAlgorithmNotAllowed(string jsonString)
    {
        string token = Forge("{\"alg\":\"" + jsonString + "\"}", ValidPayload, Hs256);
        AssertRefused(token, Hs256, s_everyAlgorithm, JwtErrorCode.AlgorithmNotAllowed);
    }

    [Fact]
    public void AlgWithARawNulByte_IsInvalidJson()
    {
        // JSON forbids unescaped control characters in strings: the header is not JSON at all.
        byte[] header = Encoding.UTF8.GetBytes("{\"alg\":\"HS256\0\"}");
        AssertRefused(Forge(header, Encoding.UTF8.GetBytes(ValidPayload), Hs256), Hs256, s_everyAlgorithm, JwtErrorCode.InvalidJson);
    }

    [Fact]
    public void AlgSpelledWithJsonEscapes_IsReadAsTheSameName_NoParserDifferential()
    {
        // "\u0048S256" is the JSON string HS256: every JSON parser reads the same name, so it is not a near miss.
        AssertAccepted(Forge("{\"alg\":\"\\u0048S256\"}", ValidPayload, Hs256), Hs256, s_hs256);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS384, new[] { JwtAlgorithm.HS256 })]
    [InlineData(JwtAlgorithm.HS512, new[] { JwtAlgorithm.HS256, JwtAlgorithm.HS384 })]
    [InlineData(JwtAlgorithm.RS256, new[] { JwtAlgorithm.ES256 })]
    [InlineData(JwtAlgorithm.PS256, new[] { JwtAlgorithm.RS256 })]
    [InlineData(JwtAlgorithm.ES256, new[] { JwtAlgorithm.HS256 })]
    [InlineData(JwtAlgorithm.ES512, new[] { JwtAlgorithm.ES256, JwtAlgorithm.ES384 })]
    public void AlgorithmOutsideTheAllowList_IsAlgorithmNotAllowed(JwtAlgorithm algorithm, JwtAlgorithm[] allowed)
    {
        // Signed and verified by the very key of the token's algorithm: only the allow-list stops it.
        JwtKey key = SigningKey(algorithm);
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload), key);
        AssertAccepted(token, key, Options(algorithm));
        AssertRefused(token, key, Options(allowed), JwtErrorCode.AlgorithmNotAllowed);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, JwtAlgorithm.HS512)]
    [InlineData(JwtAlgorithm.HS512, JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.HS384, JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.RS256, JwtAlgorithm.RS512)]
    [InlineData(JwtAlgorithm.RS512, JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.RS256, JwtAlgorithm.PS256)]
    [InlineData(JwtAlgorithm.PS256, JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS384, JwtAlgorithm.PS256)]
    public void KeyUsedWithAnotherAlgorithmThanItIsBoundTo_IsKeyAlgorithmMismatch(JwtAlgorithm boundTo, JwtAlgorithm tokenAlgorithm)
    {
        // The same secret or the same RSA key pair, bound once to each algorithm: a valid signature for the other
        // algorithm does not make the verifier's key serve it, even with both algorithms allowed.
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload), SigningKey(tokenAlgorithm));
        AssertAccepted(token, VerifyingKey(tokenAlgorithm), Options(tokenAlgorithm));
        AssertRefused(token, VerifyingKey(boundTo), Options(boundTo, tokenAlgorithm), JwtErrorCode.KeyAlgorithmMismatch);
        AssertRefused(token, VerifyingKey(boundTo), s_everyAlgorithm, JwtErrorCode.KeyAlgorithmMismatch);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256, JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES384, JwtAlgorithm.ES512)]
    [InlineData(JwtAlgorithm.ES512, JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.HS256, JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.RS256, JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES256, JwtAlgorithm.HS256)]
    public void KeyOfAnotherFamilyOrCurve_IsKeyAlgorithmMismatch(JwtAlgorithm boundTo, JwtAlgorithm tokenAlgorithm)
    {
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload), SigningKey(tokenAlgorithm));
        AssertRefused(token, VerifyingKey(boundTo), s_everyAlgorithm, JwtErrorCode.KeyAlgorithmMismatch);
    }
}
