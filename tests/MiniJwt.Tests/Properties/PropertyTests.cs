using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using BclBase64Url = System.Buffers.Text.Base64Url;

namespace MiniJwt.Tests.Properties;

/// <summary>
/// Property tests (FsCheck): Base64Url against the BCL and a lenient reference, tamper resistance of tokens,
/// claim round trips with hostile text and numbers, and garbage that must be refused without an exception.
/// </summary>
public sealed class PropertyTests
{
    internal const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // 2100-01-01T00:00:00Z: an expiry that stays in the future for the life of these tests.
    internal const long FarFuture = 4102444800;

    internal static readonly JwtKey Hs256 = JwtKey.FromSecret(JwtAlgorithm.HS256, "property tests: an HMAC secret of 32+ bytes, fixed");
    internal static readonly JwtKey Es256 = JwtKey.FromECDsa(JwtAlgorithm.ES256, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    private static readonly JwtValidationOptions s_allAlgorithms = new(JwtAlgorithms.All.ToArray());

    // ---------------------------------------------------------------- Base64Url

    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Base64Url_RoundTripsAndAllFormsAgree(byte[] data)
    {
        int length = JwtBase64Url.GetEncodedLength(data.Length);
        string text = JwtBase64Url.EncodeToString(data);
        byte[] utf8 = JwtBase64Url.EncodeToUtf8(data);
        char[] chars = new char[length];
        byte[] utf8Span = new byte[length];

        Assert.Equal(length, JwtBase64Url.EncodeToChars(data, chars));
        Assert.Equal(length, JwtBase64Url.EncodeToUtf8(data, utf8Span));
        Assert.Equal(length, text.Length);
        Assert.Equal(text, new string(chars));
        Assert.Equal(text, Encoding.ASCII.GetString(utf8));
        Assert.Equal(utf8, utf8Span);
        Assert.True(JwtBase64Url.IsValid(utf8));
        Assert.Equal(data.Length, JwtBase64Url.GetDecodedLength(length));

        Assert.Equal(data, JwtBase64Url.DecodeFromChars(text));
        Assert.Equal(data, JwtBase64Url.DecodeFromUtf8(utf8));
        byte[] decoded = new byte[data.Length];
        Assert.True(JwtBase64Url.TryDecodeFromChars(text, decoded, out int written));
        Assert.Equal(data.Length, written);
        Assert.Equal(data, decoded);
        Array.Clear(decoded);
        Assert.True(JwtBase64Url.TryDecodeFromUtf8(utf8, decoded, out written));
        Assert.Equal(data.Length, written);
        Assert.Equal(data, decoded);

        if (data.Length > 0)
        {
            // The Try ladder: a short destination is false, never an exception.
            Assert.False(JwtBase64Url.TryDecodeFromChars(text, new byte[data.Length - 1], out _));
            Assert.False(JwtBase64Url.TryDecodeFromUtf8(utf8, new byte[data.Length - 1], out _));
            Assert.Throws<ArgumentException>(() => JwtBase64Url.EncodeToChars(data, new char[length - 1]));
            Assert.Throws<ArgumentException>(() => JwtBase64Url.EncodeToUtf8(data, new byte[length - 1]));
        }
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Base64Url_EncoderEqualsTheBcl(byte[] data)
    {
        Assert.Equal(BclBase64Url.EncodeToString(data), JwtBase64Url.EncodeToString(data));
        Assert.Equal(BclBase64Url.EncodeToUtf8(data), JwtBase64Url.EncodeToUtf8(data));
        Assert.Equal(BclBase64Url.GetEncodedLength(data.Length), JwtBase64Url.GetEncodedLength(data.Length));
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Base64Url_RejectsEveryNonCanonicalForm(NonCanonicalBase64 input)
    {
        string text = input.Text;
        byte[] utf8 = Encoding.UTF8.GetBytes(text);

        // Some lenient decoder takes it (checked first, so that the generator cannot drift into plain garbage)...
        switch (input.Kind)
        {
            case NonCanonicalKind.Padding:
            case NonCanonicalKind.Whitespace:
                Assert.Equal(input.LenientBytes, BclBase64Url.DecodeFromChars(text));
                Assert.Equal(input.LenientBytes, LenientReference.Decode(text));
                break;
            case NonCanonicalKind.PlusOrSlash:
                Assert.Equal(input.LenientBytes, Convert.FromBase64String(text.PadRight((text.Length + 3) / 4 * 4, '=')));
                Assert.Equal(input.LenientBytes, LenientReference.Decode(text));
                break;
            case NonCanonicalKind.TrailingBits:
                Assert.Equal(input.LenientBytes, LenientReference.Decode(text));
                break;
            default:
                Assert.Null(input.LenientBytes);
                break;
        }

        // ...and MiniJwt's strict decoder refuses it in every form.
        Assert.False(JwtBase64Url.TryDecodeFromChars(text, new byte[text.Length + 3], out int written));
        Assert.Equal(0, written);
        Assert.False(JwtBase64Url.TryDecodeFromUtf8(utf8, new byte[utf8.Length + 3], out written));
        Assert.Equal(0, written);
        Assert.False(JwtBase64Url.IsValid(utf8));
        Assert.Throws<FormatException>(() => JwtBase64Url.DecodeFromChars(text));
        Assert.Throws<FormatException>(() => JwtBase64Url.DecodeFromUtf8(utf8));
    }

    // Accepted exactly when canonical: the BCL (which is lenient about padding and whitespace) decodes it, and
    // re-encoding gives back the very same text. When accepted, the bytes are the BCL's and re-encode to the input.
    [Property(MaxTest = 10000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Base64Url_AcceptsExactlyTheCanonicalStrings(Base64Candidate candidate)
    {
        string text = candidate.Text;
        bool canonical = IsCanonicalPerBcl(text, out byte[]? expected);

        byte[] destination = new byte[text.Length + 3];
        bool accepted = JwtBase64Url.TryDecodeFromChars(text, destination, out int written);
        Assert.Equal(canonical, accepted);
        if (accepted)
        {
            byte[] result = destination.AsSpan(0, written).ToArray();
            Assert.Equal(expected, result);
            Assert.Equal(text, JwtBase64Url.EncodeToString(result));
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] destination8 = new byte[utf8.Length + 3];
        Assert.Equal(accepted, JwtBase64Url.TryDecodeFromUtf8(utf8, destination8, out int written8));
        Assert.Equal(accepted, JwtBase64Url.IsValid(utf8));
        Assert.Equal(destination.AsSpan(0, written).ToArray(), destination8.AsSpan(0, written8).ToArray());
    }

    [Fact]
    public void Base64Url_CandidateGeneratorYieldsBothCanonicalAndNonCanonicalStrings()
    {
        Base64Candidate[] sample = Gen.Sample(PropertyGenerators.Candidates().Generator, 2000);
        int canonical = sample.Count(c => IsCanonicalPerBcl(c.Text, out _));
        TestContext.Current.TestOutputHelper?.WriteLine(canonical + " of 2000 candidates are canonical");
        Assert.InRange(canonical, 200, 1800);
    }

    // ---------------------------------------------------------------- regressions

    // Counterexamples the properties below found, kept as fixed cases.
    [Theory]
    [InlineData("{\"alg\":\"\\ud800\"}")]
    [InlineData("{\"alg\":\"HS256\",\"\\udc00\":1}")]
    [InlineData("{\"kid\":\"\\ud800\",\"alg\":\"HS256\"}")]
    public void Regression_HeaderWithAnInvalidSurrogateEscapeIsRefusedBeforeTheSignature(string header)
    {
        string token = JwtBase64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + ".eyJleHAiOjQxMDI0NDQ4MDB9.AAAA";
        Assert.False(Jwt.TryDecode(token, Hs256, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
    }

    [Fact]
    public void Regression_PayloadNameWithAnInvalidSurrogateEscapeIsRefused()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"exp\":4102444800,\"\\udc00\":[[\"a\"]]}");
        string token = Jws.Sign(payload, Hs256, "JWT");
        Assert.False(Jwt.TryDecode(token, Hs256, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
        Assert.Throws<ArgumentException>(() => Jwt.Encode(payload, Hs256));
    }

    [Theory]
    [InlineData("{\"exp\":4102444800,\"sub\":\"\\ud800\"}", "sub")]
    [InlineData("{\"exp\":4102444800,\"iss\":\"a\\udc00\"}", "iss")]
    [InlineData("{\"exp\":4102444800,\"jti\":\"\\ud83d\"}", "jti")]
    public void Regression_RegisteredStringClaimThatIsNotTextIsRefused(string payload, string claim)
    {
        // A string escaping a lone surrogate is not text (RFC 7493 §2.1): the whole payload is invalid JSON.
        string token = Jws.Sign(Encoding.UTF8.GetBytes(payload), Hs256, "JWT");
        Assert.False(Jwt.TryDecode(token, Hs256, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(new JwtError(JwtErrorCode.InvalidJson, "payload"), error);
        Assert.Contains(claim, payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_AnyClaimThatIsNotTextMakesThePayloadInvalid()
    {
        string token = Jws.Sign("{\"exp\":4102444800,\"name\":\"x\\ud800\"}"u8, Hs256, "JWT");
        Assert.False(Jwt.TryDecode(token, Hs256, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(new JwtError(JwtErrorCode.InvalidJson, "payload"), error);
    }

    [Fact]
    public void Regression_ClaimNestedDeeperThan64LevelsReadsBackWhenTheOptionsAllowIt()
    {
        string deep = new string('[', 64) + "1" + new string(']', 64);
        string token = Jws.Sign(Encoding.UTF8.GetBytes("{\"exp\":4102444800,\"deep\":" + deep + "}"), Hs256, "JWT");
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = 65 };
        Assert.True(Jwt.TryDecode(token, Hs256, options, out JwtToken jwt, out JwtError error), error.ToString());
        Assert.True(jwt.TryGetRawJson("deep", out string? raw));
        Assert.Equal(deep, raw);
    }

    // ---------------------------------------------------------------- tampering

    [Property(MaxTest = 3000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Tokens_AnySingleCharacterChangeInsertionOrDeletionIsRefused(TokenMutation mutation)
    {
        JwtKey key = mutation.Algorithm == JwtAlgorithm.HS256 ? Hs256 : Es256;
        var options = new JwtValidationOptions(mutation.Algorithm);
        string token = Jwt.Encode(new JwtClaims().Subject(mutation.Subject).Add("exp", FarFuture), key);
        Assert.True(Jwt.TryDecode(token, key, options, out _, out JwtError error), error.ToString());

        string mutated = mutation.Apply(token);
        Assert.NotEqual(token, mutated);

        Assert.False(Jwt.TryDecode(mutated, key, options, out _, out error));
        Assert.NotEqual(JwtErrorCode.None, error.Code);
        Assert.False(Jws.TryVerify(mutated, key, options.Jws, out _, out error));
        Assert.NotEqual(JwtErrorCode.None, error.Code);
        Assert.False(Jwt.TryDecode(Encoding.UTF8.GetBytes(mutated), key, options, out _, out error));
        Assert.NotEqual(JwtErrorCode.None, error.Code);
    }

    // ---------------------------------------------------------------- claims

    [Property(MaxTest = 2000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Claims_EncodeThenDecodeGivesBackEveryClaim(ClaimSet set)
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = 1 << 20, MaxJsonDepth = 64 };
        var claims = new JwtClaims();
        foreach (KeyValuePair<string, object?> claim in set.Claims)
        {
            claims.Add(claim.Key, claim.Value);
        }

        string fromBuilder = Jwt.Encode(claims, Hs256);
        string fromPairs = Jwt.Encode(set.Claims, Hs256);
        Assert.Equal(fromBuilder, fromPairs);

        Assert.True(Jwt.TryDecode(fromBuilder, Hs256, options, out JwtToken token, out JwtError error), error.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(FarFuture), token.ExpiresAt);
        foreach (KeyValuePair<string, object?> claim in set.Claims)
        {
            Assert.True(token.TryGetClaim(claim.Key, out JsonElement value), "missing claim " + Show(claim.Key));
            JsonModel.AssertEqual(claim.Value, value, Show(claim.Key));
            Assert.True(token.TryGetRawJson(claim.Key, out string? raw));
            using JsonDocument reparsed = JsonDocument.Parse(raw);
            JsonModel.AssertEqual(claim.Value, reparsed.RootElement, Show(claim.Key) + " (raw)");
            if (claim.Value is string s)
            {
                Assert.True(token.TryGetString(claim.Key, out string? read));
                Assert.Equal(s, read);
            }
        }

        using JsonDocument payload = JsonDocument.Parse(token.GetPayload());
        Assert.Equal(set.Claims.Length, payload.RootElement.EnumerateObject().Count());
    }

    // A claim nested as deep as the options allow reads back; one level more is refused, never thrown.
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Claims_NestingUpToTheConfiguredDepthReadsBack(Nesting nesting)
    {
        string deep = new string('[', nesting.Arrays) + "1" + new string(']', nesting.Arrays);
        byte[] payload = Encoding.UTF8.GetBytes("{\"exp\":" + FarFuture.ToString(CultureInfo.InvariantCulture) + ",\"deep\":" + deep + "}");
        string token = Jws.Sign(payload, Hs256, "JWT");
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = nesting.MaxJsonDepth };

        bool within = nesting.Arrays + 1 <= nesting.MaxJsonDepth;
        bool ok = Jwt.TryDecode(token, Hs256, options, out JwtToken jwt, out JwtError error);
        Assert.True(within == ok, error.ToString());
        if (!ok)
        {
            Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
            return;
        }

        Assert.True(jwt.TryGetRawJson("deep", out string? raw));
        Assert.Equal(deep, raw);
        Assert.True(jwt.TryGetClaim("deep", out JsonElement element));
        for (int i = 0; i < nesting.Arrays; i++)
        {
            Assert.Equal(JsonValueKind.Array, element.ValueKind);
            element = element[0];
        }

        Assert.Equal(1, element.GetInt32());
    }

    // ---------------------------------------------------------------- garbage

    [Property(MaxTest = 5000)]
    public void Garbage_ArbitraryStringsAreRefusedWithoutThrowing(string? text)
    {
        AssertRefused(text);
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Garbage_ArbitraryBytesAreRefusedWithoutThrowing(byte[] bytes)
    {
        foreach ((JwtKey key, JwtValidationOptions options) in Verifiers())
        {
            Assert.False(Jwt.TryDecode(bytes, key, options, out _, out JwtError error));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
            Assert.False(Jws.TryVerify(bytes, key, options.Jws, out _, out error));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
        }
    }

    // Three segments built from hostile headers, payloads and signatures: reaches every step up to the signature.
    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Garbage_TokenShapedInputIsRefusedWithoutThrowing(TokenShapedGarbage garbage)
    {
        AssertRefused(garbage.Token);
        _ = Jwt.TryReadHeaderUnverified(garbage.Token, out _, out _);
    }

    // Any payload, the empty one included (RFC 7515 allows it), survives Jws sign/verify unchanged, and the
    // encoded length is known beforehand.
    [Property(MaxTest = 2000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Jws_SignThenVerifyGivesBackAnyPayload(byte[] payload)
    {
        string token = Jws.Sign(payload, Hs256);
        Assert.Equal(Jws.GetEncodedLength(payload.Length, Hs256), token.Length);
        byte[] destination = new byte[token.Length];
        Assert.Equal(token.Length, Jws.Sign(payload, Hs256, destination));
        Assert.Equal(token, Encoding.ASCII.GetString(destination));
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(token.Length, Jws.Sign(payload, Hs256, writer));
        Assert.Equal(token, Encoding.ASCII.GetString(writer.WrittenSpan));

        var options = new JwsValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = 1 << 20 };

        Assert.True(Jws.TryVerify(token, Hs256, options, out JwsToken jws, out JwtError error), error.ToString());
        Assert.Equal(payload, jws.GetPayload());
        Assert.Equal(payload.Length, jws.PayloadLength);
        Assert.Null(jws.Header.Type);
    }

    // Signed (so past step 6) payloads that are JSON, nearly JSON or not JSON: MiniJwt accepts one exactly when an
    // independent model of step 7 (built on JsonDocument) does, never throws, and every accessor then works.
    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Claims_SignedPayloadIsAcceptedExactlyWhenTheClaimRulesHold(JsonishPayload payload)
    {
        string token = Jws.Sign(payload.Bytes, Hs256, "JWT");
        foreach ((JwtValidationOptions options, string? issuer, string? audience) in ClaimRuleSets())
        {
            bool expected = ClaimsModel.Accepts(payload.Bytes, issuer, audience);
            bool ok = Jwt.TryDecode(token, Hs256, options, out JwtToken jwt, out JwtError error);
            Assert.True(expected == ok, (issuer is null ? "default options: " : "iss/aud configured: ") + error);
            if (!ok)
            {
                Assert.NotEqual(JwtErrorCode.None, error.Code);
                continue;
            }

            Assert.Equal(payload.Bytes, jwt.GetPayload());
            Assert.NotNull(jwt.ExpiresAt);
            _ = jwt.Subject;
            _ = jwt.Issuer;
            _ = jwt.JwtId;
            _ = jwt.NotBefore;
            _ = jwt.IssuedAt;
            IReadOnlyList<string> audiences = jwt.Audiences;
            if (audience is not null)
            {
                Assert.Contains(audience, audiences);
            }

            using JsonDocument document = JsonDocument.Parse(payload.Bytes);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                Assert.True(jwt.TryGetClaim(property.Name, out JsonElement value));
                Assert.Equal(property.Value.GetRawText(), value.GetRawText());
                Assert.Equal(ClaimsModel.IsReadableString(property.Value), jwt.TryGetString(property.Name, out string? text));
                Assert.Equal(ClaimsModel.IsReadableString(property.Value) ? property.Value.GetString() : null, text);
            }
        }
    }

    // Jwt.Encode of raw bytes takes exactly one JSON object with unique member names, and otherwise throws
    // ArgumentException (never another exception).
    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void Encode_TakesExactlyJsonObjectsWithUniqueNames(JsonishPayload payload)
    {
        bool expected = ClaimsModel.IsObjectWithUniqueNames(payload.Bytes, maxDepth: 256);
        string? token = null;
        ArgumentException? refused = null;
        try
        {
            token = Jwt.Encode(payload.Bytes, Hs256);
        }
        catch (ArgumentException e)
        {
            refused = e;
        }

        Assert.True(expected == (token is not null), refused?.Message ?? "accepted");
        if (token is not null)
        {
            var options = new JwsValidationOptions(JwtAlgorithm.HS256);
            Assert.True(Jws.TryVerify(token, Hs256, options, out JwsToken jws, out JwtError error), error.ToString());
            Assert.Equal(payload.Bytes, jws.GetPayload());
        }
    }

    [Fact]
    public void Claims_JsonishGeneratorYieldsAcceptedAndRefusedPayloads()
    {
        JsonishPayload[] sample = Gen.Sample(PropertyGenerators.Payloads().Generator, 2000);
        int acceptedByDefault = sample.Count(p => ClaimsModel.Accepts(p.Bytes, null, null));
        int acceptedConfigured = sample.Count(p => ClaimsModel.Accepts(p.Bytes, ClaimsModel.Issuer, ClaimsModel.Audience));
        TestContext.Current.TestOutputHelper?.WriteLine(
            "of 2000 payloads: " + acceptedByDefault + " pass the default rules, " + acceptedConfigured + " those with iss/aud configured");
        Assert.InRange(acceptedByDefault, 100, 1900);
        Assert.InRange(acceptedConfigured, 40, 1900);
    }

    private static IEnumerable<(JwtValidationOptions Options, string? Issuer, string? Audience)> ClaimRuleSets()
    {
        yield return (new JwtValidationOptions(JwtAlgorithm.HS256), null, null);
        yield return (new JwtValidationOptions(JwtAlgorithm.HS256) { Issuers = [ClaimsModel.Issuer], Audiences = [ClaimsModel.Audience] }, ClaimsModel.Issuer, ClaimsModel.Audience);
    }

    private static IEnumerable<(JwtKey Key, JwtValidationOptions Options)> Verifiers()
    {
        yield return (Hs256, new JwtValidationOptions(JwtAlgorithm.HS256));
        yield return (Es256, new JwtValidationOptions(JwtAlgorithm.ES256));
        yield return (Hs256, s_allAlgorithms);
        yield return (Es256, s_allAlgorithms);
    }

    private static void AssertRefused(string? token)
    {
        foreach ((JwtKey key, JwtValidationOptions options) in Verifiers())
        {
            Assert.False(Jwt.TryDecode(token, key, options, out _, out JwtError error));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
            Assert.False(Jws.TryVerify(token, key, options.Jws, out _, out error));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
        }
    }

    private static bool IsCanonicalPerBcl(string text, out byte[]? bytes)
    {
        bytes = null;
        if (!BclBase64Url.IsValid(text))
        {
            return false;
        }

        byte[] decoded = BclBase64Url.DecodeFromChars(text);
        if (BclBase64Url.EncodeToString(decoded) != text)
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    internal static string Show(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('"').ToString();
    }
}

// ==================================================================== generated inputs
