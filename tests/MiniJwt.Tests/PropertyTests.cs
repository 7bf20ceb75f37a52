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

namespace MiniJwt.Tests;

/// <summary>
/// Property tests (FsCheck): Base64Url against the BCL and a lenient reference, tamper resistance of tokens,
/// claim round trips with hostile text and numbers, and garbage that must be refused without an exception.
/// </summary>
public sealed class PropertyTests
{
    internal const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // 2100-01-01T00:00:00Z: an expiry that stays in the future for the life of these tests.
    internal const long FarFuture = 4102444800;

    internal static readonly HmacKey Hs256 = JwtKey.Hmac(JwtAlgorithm.HS256, "property tests: an HMAC secret of 32+ bytes, fixed");
    internal static readonly EcKey Es256 = JwtKey.FromECDsa(JwtAlgorithm.ES256, ECDsa.Create(ECCurve.NamedCurves.nistP256));

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
            Assert.False(JwtBase64Url.TryDecodeFromChars(text, new byte[data.Length - 1], out _)); // Try ladder: false, not a throw
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
        Assert.False(Jws.TryVerify(mutated, key, options, out _, out error));
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
            Assert.False(Jws.TryVerify(bytes, key, options, out _, out error));
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
            Assert.False(Jws.TryVerify(token, key, options, out _, out error));
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

public enum NonCanonicalKind
{
    Padding,
    ExtraPadding,
    Whitespace,
    PlusOrSlash,
    TrailingBits,
    LengthOneMod4,
    ForeignCharacter,
}

/// <summary>A string that is not canonical Base64Url; <see cref="LenientBytes"/> is what a lenient decoder makes of it.</summary>
public sealed record NonCanonicalBase64(NonCanonicalKind Kind, string Text, byte[]? LenientBytes)
{
    public override string ToString() => Kind + " " + PropertyTests.Show(Text);
}

public sealed record Base64Candidate(string Text)
{
    public override string ToString() => PropertyTests.Show(Text);
}

public enum MutationKind
{
    Substitute,
    Insert,
    Delete,
}

/// <summary>One change to a token: <see cref="Position"/> is taken modulo the token length.</summary>
public sealed record TokenMutation(JwtAlgorithm Algorithm, string Subject, MutationKind Kind, int Position, char Character)
{
    public string Apply(string token)
    {
        switch (Kind)
        {
            case MutationKind.Insert:
                return token.Insert(Position % (token.Length + 1), Character.ToString());
            case MutationKind.Delete:
                return token.Remove(Position % token.Length, 1);
            default:
                int at = Position % token.Length;
                char replacement = Character != token[at] ? Character : PropertyTests.Alphabet[(PropertyTests.Alphabet.IndexOf(token[at]) + 1) % 64];
                return string.Concat(token.AsSpan(0, at), replacement.ToString(), token.AsSpan(at + 1));
        }
    }

    public override string ToString() =>
        Algorithm + " " + Kind + " at " + Position + " with " + PropertyTests.Show(Character.ToString()) + ", sub " + PropertyTests.Show(Subject);
}

public sealed record ClaimSet(KeyValuePair<string, object?>[] Claims)
{
    public override string ToString() => JsonModel.Show(Claims);
}

public sealed record Nesting(int Arrays, int MaxJsonDepth);

public sealed record TokenShapedGarbage(string Token)
{
    public override string ToString() => PropertyTests.Show(Token);
}

public sealed record JsonishPayload(byte[] Bytes)
{
    public override string ToString() => Convert.ToHexString(Bytes) + " " + PropertyTests.Show(Encoding.UTF8.GetString(Bytes));
}

// ==================================================================== generators

public static class PropertyGenerators
{
    private static readonly string[] s_registered = ["exp", "nbf", "iat", "aud", "iss", "sub", "jti"];

    private static Gen<byte> AnyByte => Gen.Choose(0, 255).Select(i => (byte)i);

    private static Gen<char> AlphabetChar => Gen.Elements(PropertyTests.Alphabet.ToCharArray());

    // Small, FsCheck-sized, and large arrays (past the stack buffers of the encoder).
    private static Gen<byte[]> ByteArrays => Gen.Frequency(
        (4, Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(AnyByte, n))),
        (4, ArbMap.Default.GeneratorFor<byte[]>()),
        (1, Gen.Choose(300, 1600).SelectMany(n => Gen.ArrayOf(AnyByte, n))));

    private static Gen<byte[]> BytesWithRemainder(params int[] remainders) =>
        Gen.Elements(remainders).SelectMany(r => Gen.Choose(0, 20).SelectMany(k => Gen.ArrayOf(AnyByte, (3 * k) + r)));

    public static Arbitrary<byte[]> Bytes() => Arb.From(ByteArrays, ArbMap.Default.ArbFor<byte[]>().Shrinker);

    public static Arbitrary<NonCanonicalBase64> NonCanonical() => Arb.From(Gen.OneOf(
        // Correct padding, which the BCL accepts.
        BytesWithRemainder(1, 2).Select(d => new NonCanonicalBase64(
            NonCanonicalKind.Padding, JwtBase64Url.EncodeToString(d) + (d.Length % 3 == 1 ? "==" : "="), d)),
        // Padding of the wrong amount, or on a whole group.
        from d in BytesWithRemainder(0, 1, 2)
        from pad in Gen.Elements("=", "==", "===")
        where JwtBase64Url.EncodeToString(d).Length % 4 + pad.Length != 4
        select new NonCanonicalBase64(NonCanonicalKind.ExtraPadding, JwtBase64Url.EncodeToString(d) + pad, null),
        // Whitespace anywhere, which the BCL skips.
        from d in BytesWithRemainder(0, 1, 2)
        from count in Gen.Choose(1, 3)
        from spaces in Gen.ArrayOf(Gen.Elements(' ', '\t', '\r', '\n'), count)
        from positions in Gen.ArrayOf(Gen.Choose(0, 1000), spaces.Length)
        select new NonCanonicalBase64(NonCanonicalKind.Whitespace, Insert(JwtBase64Url.EncodeToString(d), spaces, positions), d),
        // The plain Base64 alphabet: a '-' or '_' is forced somewhere its value is free, then every one is swapped.
        from d in BytesWithRemainder(0, 1, 2).Where(d => d.Length > 0)
        from position in Gen.Choose(0, 1000)
        from forced in Gen.Elements('-', '_')
        let canonical = ForceCharacter(JwtBase64Url.EncodeToString(d), position, forced)
        select new NonCanonicalBase64(
            NonCanonicalKind.PlusOrSlash, canonical.Replace('-', '+').Replace('_', '/'), BclBase64Url.DecodeFromChars(canonical)),
        // Bits after the last whole byte set: lenient decoders drop them.
        from d in BytesWithRemainder(1, 2)
        from bits in Gen.Choose(1, d.Length % 3 == 1 ? 15 : 3)
        select new NonCanonicalBase64(NonCanonicalKind.TrailingBits, SetTrailingBits(JwtBase64Url.EncodeToString(d), bits), d),
        // One character over a whole number of groups: no byte string encodes to that length.
        from d in BytesWithRemainder(0)
        from c in AlphabetChar
        select new NonCanonicalBase64(NonCanonicalKind.LengthOneMod4, JwtBase64Url.EncodeToString(d) + c, null),
        // A character outside the alphabet, in place of one or added.
        from d in BytesWithRemainder(0, 1, 2)
        from c in Gen.Elements('.', '=', '+', '/', '!', '\0', '\u00E9', '\u00FF', '\u0100', '\u2013', '\uFF21', '\uD83D')
        from position in Gen.Choose(0, 1000)
        from replace in Gen.Elements(true, false)
        let text = JwtBase64Url.EncodeToString(d)
        select new NonCanonicalBase64(
            NonCanonicalKind.ForeignCharacter,
            replace && text.Length > 0
                ? string.Concat(text.AsSpan(0, position % text.Length), c.ToString(), text.AsSpan((position % text.Length) + 1))
                : text.Insert(position % (text.Length + 1), c.ToString()),
            null)));

    public static Arbitrary<Base64Candidate> Candidates()
    {
        Gen<char> nearAlphabet = Gen.Frequency(
            (40, AlphabetChar),
            (1, Gen.Elements('=', '+', '/', ' ', '\n', '.', '\u00E9', '\u0141', '\uD83D')));
        Gen<string> nearAlphabetString = Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(nearAlphabet, n)).Select(a => new string(a));
        Gen<string> almostEncoding =
            from d in Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(AnyByte, n))
            from touch in Gen.Elements(false, false, true)
            from position in Gen.Choose(0, 1000)
            from c in AlphabetChar
            let text = JwtBase64Url.EncodeToString(d)
            select touch && text.Length > 0
                ? string.Concat(text.AsSpan(0, position % text.Length), c.ToString(), text.AsSpan((position % text.Length) + 1))
                : text;
        Gen<string> anyString = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        return Arb.From(Gen.Frequency((4, nearAlphabetString), (4, almostEncoding), (1, anyString)).Select(s => new Base64Candidate(s)));
    }

    public static Arbitrary<TokenMutation> Mutations()
    {
        Gen<char> character = Gen.Frequency(
            (16, AlphabetChar),
            (2, Gen.Constant('.')),
            (2, Gen.Elements('=', '+', '/', ' ', '\n', '\0', '~', '\u00E9', '\u00FF', '\u0100', '\uD83D', '\uFF0E')));
        return Arb.From(
            from algorithm in Gen.Elements(JwtAlgorithm.HS256, JwtAlgorithm.ES256)
            from subject in Text
            from kind in Gen.Elements(MutationKind.Substitute, MutationKind.Substitute, MutationKind.Insert, MutationKind.Delete)
            from position in Gen.Choose(0, 100_000)
            from c in character
            select new TokenMutation(algorithm, subject, kind, position, c));
    }

    public static Arbitrary<ClaimSet> ClaimSets() => Arb.From(
        from members in Members(3, 8, topLevel: true)
        select new ClaimSet([new KeyValuePair<string, object?>("exp", PropertyTests.FarFuture), .. members]));

    public static Arbitrary<Nesting> Nestings() => Arb.From(
        from maxDepth in Gen.Frequency((1, Gen.Choose(1, 16)), (2, Gen.Choose(17, 256)), (1, Gen.Elements(16, 63, 64, 65, 66, 255, 256)))
        from arrays in Gen.Frequency((3, Gen.Choose(Math.Max(0, maxDepth - 3), maxDepth + 2)), (1, Gen.Choose(0, 300)))
        select new Nesting(arrays, maxDepth));

    public static Arbitrary<TokenShapedGarbage> Garbage()
    {
        Gen<string> segment = Gen.Frequency(
            (6, Gen.Elements(s_headerTexts).Select(b => JwtBase64Url.EncodeToString(b))),
            (2, JsonishBytes.Select(b => JwtBase64Url.EncodeToString(b))),
            (2, Gen.Choose(0, 140).SelectMany(n => Gen.ArrayOf(AnyByte, n)).Select(b => JwtBase64Url.EncodeToString(b))),
            (1, Gen.Choose(0, 90).SelectMany(n => Gen.ArrayOf(AlphabetChar, n)).Select(a => new string(a))),
            (1, Gen.Constant(string.Empty)));
        Gen<string> signature = Gen.Frequency(
            (4, Gen.Elements(0, 1, 31, 32, 33, 63, 64, 65, 132).SelectMany(n => Gen.ArrayOf(AnyByte, n)).Select(b => JwtBase64Url.EncodeToString(b))),
            (1, Gen.Choose(0, 90).SelectMany(n => Gen.ArrayOf(AlphabetChar, n)).Select(a => new string(a))));
        Gen<string> token = Gen.Frequency(
            (8, from h in segment from p in segment from s in signature select h + "." + p + "." + s),
            (1, from parts in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(segment, n)) select string.Join('.', parts)),
            (1, from h in segment from p in segment from s in signature from noise in Gen.Elements("..", ".", "=", " ", "\u00E9", "+")
                from at in Gen.Choose(0, 1000)
                let joined = h + "." + p + "." + s
                select joined.Insert(at % (joined.Length + 1), noise)));
        return Arb.From(token.Select(t => new TokenShapedGarbage(t)));
    }

    public static Arbitrary<JsonishPayload> Payloads() => Arb.From(JsonishBytes.Select(b => new JsonishPayload(b)));

    internal static Gen<string> Text => Gen.Frequency(
        (5, Gen.Sized(size => Gen.Choose(0, Math.Max(0, size / 3)).SelectMany(n => Gen.ArrayOf(TextPiece, n))).Select(string.Concat)),
        (1, Gen.Constant(string.Empty)),
        (1, AlphabetChar.Select(c => c.ToString())));

    // Pieces of text: ASCII, what JSON must escape or may escape, non-ASCII of the BMP, and non-BMP pairs.
    private static Gen<string> TextPiece => Gen.Frequency(
        (8, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
        (3, Gen.Elements(
            "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\0", "\u0001", "\u001F", "\u007F", "<", ">", "&", "'", "+", "`",
            "\u0085", "\u00A0", "\u00E9", "e\u0301", "\u2028", "\u2029", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF", "\\u0041", "\\\"")),
        (2, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)),
        (2, Gen.Frequency((3, Gen.Choose(0x80, 0xD7FF)), (1, Gen.Choose(0xE000, 0xFFFF))).Select(c => ((char)c).ToString())));

    private static Gen<object?> Scalar => Gen.Frequency(
        (6, Text.Select(s => (object?)s)),
        (1, Gen.Constant<object?>(null)),
        (1, Gen.Elements<object?>(true, false)),
        (3, Longs.Select(l => (object?)l)),
        (1, ArbMap.Default.GeneratorFor<int>().Select(i => (object?)i)),
        (1, Gen.Elements<object?>(ulong.MaxValue, (ulong)long.MaxValue + 1, 0UL)),
        (3, Doubles.Select(d => (object?)d)),
        (1, ArbMap.Default.GeneratorFor<float>().Where(float.IsFinite).Select(f => (object?)f)),
        (1, Decimals.Select(m => (object?)m)),
        (1, Gen.Fresh(Guid.NewGuid).Select(g => (object?)g)),
        (1, Gen.Choose(-2_000_000, 2_000_000).Select(s => (object?)DateTimeOffset.FromUnixTimeSeconds(s * 1000L + 7))));

    private static Gen<long> Longs => Gen.Frequency(
        (2, Gen.Elements(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 0L, -1L, 1L, int.MinValue, int.MaxValue,
            1L << 53, (1L << 53) + 1, -(1L << 53) - 1, 9_007_199_254_740_993L)),
        (2, ArbMap.Default.GeneratorFor<long>()),
        (2, from hi in Gen.Choose(int.MinValue, int.MaxValue) from lo in Gen.Choose(int.MinValue, int.MaxValue) select ((long)hi << 32) | unchecked((uint)lo)));

    private static Gen<double> Doubles => Gen.Frequency(
        (2, Gen.Elements(double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 0.0, -0.0, 0.1, 1e308, 1e-308, 2.2250738585072014E-308,
            Math.PI, 9007199254740993.0, 1e21, 1e-7, 123456789.125, -1.5)),
        (2, ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite)),
        (2, from hi in Gen.Choose(int.MinValue, int.MaxValue) from lo in Gen.Choose(int.MinValue, int.MaxValue)
            let d = BitConverter.Int64BitsToDouble(((long)hi << 32) | unchecked((uint)lo))
            where double.IsFinite(d)
            select d));

    private static Gen<decimal> Decimals => Gen.Frequency(
        (1, Gen.Elements(decimal.MaxValue, decimal.MinValue, 0m, 0.1m, -0.0000000000000000000000000001m, 1.000m, 79228162514264337593543950.335m)),
        (2, ArbMap.Default.GeneratorFor<decimal>()));

    private static Gen<object?> Value(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (1, Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Value(depth - 1), n)).Select(a => (object?)a)),
            (1, Members(depth - 1, 4, topLevel: false).Select(m => (object?)m)));

    // Members of an object with unique names; at the top level, the registered claim names are left out.
    private static Gen<KeyValuePair<string, object?>[]> Members(int depth, int max, bool topLevel) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(
            from name in Text
            from value in Value(depth)
            select new KeyValuePair<string, object?>(name, value), n))
        .Select(members => members
            .Where(m => !topLevel || !s_registered.Contains(m.Key))
            .DistinctBy(m => m.Key, StringComparer.Ordinal)
            .ToArray());

    // Headers of every kind the reader must refuse (and a few it accepts), as raw bytes.
    private static readonly byte[][] s_headerTexts =
    [
        .. new[]
        {
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"HS256\"}", "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"alg\":\"ES256\",\"typ\":\"JWT\"}",
            "{\"alg\":\"RS256\"}", "{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"alg\":\"None\"}", "{\"alg\":\"hs256\"}", "{\"alg\":\"HS256 \"}",
            "{\"alg\":\"H\\u0053256\"}", "{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"\\u0061lg\":\"RS256\"}",
            "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", "{\"alg\":\"HS256\",\"b64\":false}", "{\"alg\":\"HS256\",\"b64\":true}",
            "{\"alg\":\"HS256\",\"kid\":7}", "{\"alg\":\"HS256\",\"typ\":null}", "{\"alg\":\"HS256\",\"cty\":[]}",
            "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}", "{\"alg\":[\"HS256\"]}", "{\"alg\":null}", "{\"alg\":256}", "{}", "[]",
            "null", "\"HS256\"", "{\"alg\":\"HS256\"", "{\"alg\":\"HS256\"}x", "{\"alg\":\"HS256\"} {}", "{\"alg\":\"HS256\",}", "{'alg':'HS256'}",
            "{\"alg\":\"HS256\",\"x\":" + new string('[', 20) + new string(']', 20) + "}", "{\"alg\":\"HS256\\u0000\"}", "{\"alg\":\"\\ud800\"}",
            "{\"\\ud800\":1,\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"\\udc00x\":1}", "{\"kid\":\"\\ud800\",\"alg\":\"HS256\"}",
            "{\"alg\":\"HS256\",\"typ\":\"\\udfff\"}", "{\"alg\":\"" + new string('A', 100) + "\\u0041\"}", "{\"alg\":\"HS256\"}\u0000",
            "{/*c*/\"alg\":\"HS256\"}", " {\"alg\":\"HS256\"} ",
        }.Select(t => Encoding.UTF8.GetBytes(t)),
        [0xEF, 0xBB, 0xBF, .. "{\"alg\":\"HS256\"}"u8],
        [.. "{\"alg\":\"HS256\",\"x\":\""u8, 0xFF, .. "\"}"u8],
        [.. "{\"alg\":\"HS256\",\"x\":\""u8, 0xC0, 0xAF, .. "\"}"u8],
        [.. "{\"alg\":\"HS256\",\"x\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8],
    ];

    // Pieces of payloads: well-formed members, registered names with every JSON type, escapes (also invalid
    // surrogate escapes), and bytes that are not UTF-8.
    private static readonly byte[][] s_keys = ToBytes(
        "\"exp\"", "\"exp\"", "\"exp\"", "\"nbf\"", "\"iat\"", "\"aud\"", "\"aud\"", "\"iss\"", "\"iss\"", "\"sub\"", "\"jti\"", "\"x\"", "\"\"",
        "\"\\u0065xp\"", "\"e\\u0078p\"", "\"\\u0061ud\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud83d\\ude00\"", "\"\u00E9\"", "\"\\u0000\"");

    private static readonly byte[][] s_values = ToBytes(
        "4102444800", "4102444800", "4102444800.5", "0", "1", "-1", "1.5", "-0", "1E2", "1e999", "-1e999", "01", "1.", ".5",
        "\"4102444800\"", "null", "true", "false", "\"s\"", "\"i\"", "\"a\"", "\"\\u0061\"", "\"\\u0069\"", "\"b\"", "\"\\ud800\"",
        "\"\\udc00x\"", "\"\\u0000\"", "\"\u00E9\"", "[]", "[\"a\"]", "[\"b\",\"a\"]", "[\"a\",1]", "[\"b\"]", "[null]", "[[\"a\"]]", "{}",
        "{\"aud\":\"a\"}", "{\"x\":[1,{\"y\":\"\\ud800\"}]}", "[" + new string('[', 16) + new string(']', 16) + "]");

    private static readonly byte[][] s_exp = ToBytes("\"exp\":4102444800");

    private static readonly byte[][] s_issuerAudience = ToBytes("\"iss\":\"i\"", "\"aud\":[\"b\",\"a\"]");

    private static readonly byte[][] s_noise =
    [
        [(byte)'{'], [(byte)'}'], [(byte)'['], [(byte)']'], [(byte)':'], [(byte)','], [(byte)' '], [(byte)'\n'], [(byte)'"'],
        [(byte)'\\'], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0], [(byte)'x'],
    ];

    private static Gen<byte[]> Member =>
        from key in Gen.Frequency((3, Gen.Elements(s_keys)), (2, Text.Select(s => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(s)))))
        from value in Gen.Elements(s_values)
        select Concat(key, ":"u8.ToArray(), value);

    private static Gen<byte[]> WellFormedObject =>
        from members in Gen.Frequency((3, Gen.Choose(0, 2)), (1, Gen.Choose(3, 6))).SelectMany(n => Gen.ArrayOf(Member, n))
        from leadingExp in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from issuerAudience in Gen.Frequency((2, Gen.Constant(true)), (3, Gen.Constant(false)))
        from shuffled in Gen.Shuffle(Concat(leadingExp ? s_exp : [], issuerAudience ? s_issuerAudience : [], members))
        from space in Gen.Elements("", " ", "\n\t")
        select Encoding.UTF8.GetBytes("{" + space).Concat(Join(shuffled, (byte)',')).Concat(Encoding.UTF8.GetBytes(space + "}")).ToArray();

    internal static Gen<byte[]> JsonishBytes => Gen.Frequency(
        (6, WellFormedObject),
        (1, WellFormedObject.Select(o => Concat<byte>([0xEF, 0xBB, 0xBF], o, []))),
        (2, from o in WellFormedObject from n in Gen.Elements(s_noise) from at in Gen.Choose(0, 1000)
            select Concat(o[..(at % (o.Length + 1))], n, o[(at % (o.Length + 1))..])),
        (1, Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(Gen.OneOf(Gen.Elements(s_noise), Gen.Elements(s_values), Gen.Elements(s_keys)), n))
            .Select(parts => parts.SelectMany(p => p).ToArray())),
        (1, Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(AnyByte, n))));

    private static byte[][] ToBytes(params string[] texts) => texts.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();

    private static T[] Concat<T>(T[] a, T[] b, T[] c) => [.. a, .. b, .. c];

    private static IEnumerable<byte> Join(IEnumerable<byte[]> parts, byte separator)
    {
        bool first = true;
        foreach (byte[] part in parts)
        {
            if (!first)
            {
                yield return separator;
            }

            first = false;
            foreach (byte b in part)
            {
                yield return b;
            }
        }
    }

    private static string Insert(string text, char[] characters, int[] positions)
    {
        for (int i = 0; i < characters.Length; i++)
        {
            text = text.Insert(positions[i] % (text.Length + 1), characters[i].ToString());
        }

        return text;
    }

    // Puts c at a position whose value is free: anywhere but the last character of a partial group.
    private static string ForceCharacter(string canonical, int position, char c)
    {
        int free = canonical.Length % 4 == 0 ? canonical.Length : canonical.Length - 1;
        int at = position % free;
        return string.Concat(canonical.AsSpan(0, at), c.ToString(), canonical.AsSpan(at + 1));
    }

    private static string SetTrailingBits(string canonical, int bits)
    {
        int value = PropertyTests.Alphabet.IndexOf(canonical[^1]) | bits;
        return string.Concat(canonical.AsSpan(0, canonical.Length - 1), PropertyTests.Alphabet[value].ToString());
    }
}

// ==================================================================== references and models

/// <summary>
/// A deliberately lenient Base64 decoder, as many libraries have: both alphabets, whitespace skipped, up to two
/// '=' at the end, and the bits after the last whole byte dropped. Returns null when even it cannot decode.
/// </summary>
internal static class LenientReference
{
    public static byte[]? Decode(string text)
    {
        string body = text.TrimEnd('=');
        if (text.Length - body.Length > 2)
        {
            return null;
        }

        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (char c in body)
        {
            int value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '-' or '+' => 62,
                '_' or '/' => 63,
                ' ' or '\t' or '\r' or '\n' => -1,
                _ => -2,
            };
            if (value == -2)
            {
                return null;
            }

            if (value == -1)
            {
                continue;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bits == 6 ? null : output.ToArray();
    }
}

/// <summary>Compares a claim value as written (CLR) with the JSON read back, by JSON semantics.</summary>
internal static class JsonModel
{
    public static void AssertEqual(object? expected, JsonElement actual, string path)
    {
        bool equal = expected switch
        {
            null => actual.ValueKind == JsonValueKind.Null,
            string s => actual.ValueKind == JsonValueKind.String && actual.GetString() == s,
            bool b => actual.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False),
            int i => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt32(out int n) && n == i,
            long l => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt64(out long n) && n == l,
            ulong u => actual.ValueKind == JsonValueKind.Number && actual.TryGetUInt64(out ulong n) && n == u,
            double d => actual.ValueKind == JsonValueKind.Number && actual.TryGetDouble(out double n) && n.Equals(d),
            float f => actual.ValueKind == JsonValueKind.Number && actual.TryGetSingle(out float n) && n.Equals(f),
            decimal m => actual.ValueKind == JsonValueKind.Number && actual.TryGetDecimal(out decimal n) && n == m,
            Guid g => actual.ValueKind == JsonValueKind.String && actual.GetString() == g.ToString("D", CultureInfo.InvariantCulture),
            DateTimeOffset t => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt64(out long n) && n == t.ToUnixTimeSeconds(),
            KeyValuePair<string, object?>[] members => ObjectEquals(members, actual, path),
            object?[] items => ArrayEquals(items, actual, path),
            _ => throw new InvalidOperationException("No model for " + expected.GetType()),
        };
        Assert.True(equal, path + ": expected " + Show(expected) + ", read " + actual.GetRawText());
    }

    private static bool ObjectEquals(KeyValuePair<string, object?>[] members, JsonElement actual, string path)
    {
        if (actual.ValueKind != JsonValueKind.Object || actual.EnumerateObject().Count() != members.Length)
        {
            return false;
        }

        foreach (KeyValuePair<string, object?> member in members)
        {
            Assert.True(actual.TryGetProperty(member.Key, out JsonElement value), path + ": missing " + PropertyTests.Show(member.Key));
            AssertEqual(member.Value, value, path + "." + PropertyTests.Show(member.Key));
        }

        return true;
    }

    private static bool ArrayEquals(object?[] items, JsonElement actual, string path)
    {
        if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != items.Length)
        {
            return false;
        }

        for (int i = 0; i < items.Length; i++)
        {
            AssertEqual(items[i], actual[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return true;
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => PropertyTests.Show(s),
        bool b => b ? "true" : "false",
        double d => "double " + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "float " + f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.GetType().Name + " " + f.ToString(null, CultureInfo.InvariantCulture),
        KeyValuePair<string, object?>[] members => "{" + string.Join(", ", members.Select(m => PropertyTests.Show(m.Key) + ": " + Show(m.Value))) + "}",
        object?[] items => "[" + string.Join(", ", items.Select(Show)) + "]",
        _ => value.GetType().Name + " " + value,
    };
}

/// <summary>
/// An independent model of step 7 for HS256 tokens with default options (optionally with one issuer and one
/// audience configured): built on JsonDocument, with the rules of the design written out one by one.
/// </summary>
internal static class ClaimsModel
{
    public const string Issuer = "i";
    public const string Audience = "a";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool Accepts(byte[] payload, string? issuer, string? audience)
    {
        if (!IsObjectWithUniqueNames(payload, JwsValidationOptions.DefaultMaxJsonDepth))
        {
            return false;
        }

        using JsonDocument document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = JwsValidationOptions.DefaultMaxJsonDepth });
        JsonElement root = document.RootElement;
        double now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!root.TryGetProperty("exp", out JsonElement exp) || !IsFiniteNumber(exp, out double expires) || now >= expires)
        {
            return false;
        }

        foreach (string name in (string[])["nbf", "iat"])
        {
            if (root.TryGetProperty(name, out JsonElement time) && (!IsFiniteNumber(time, out double seconds) || seconds > now))
            {
                return false;
            }
        }

        foreach (string name in (string[])["iss", "sub", "jti"])
        {
            if (root.TryGetProperty(name, out JsonElement text) && !IsReadableString(text))
            {
                return false;
            }
        }

        if (issuer is not null && (!root.TryGetProperty("iss", out JsonElement iss) || !StringEquals(iss, issuer)))
        {
            return false;
        }

        bool hasAudience = root.TryGetProperty("aud", out JsonElement aud);
        if (hasAudience && aud.ValueKind == JsonValueKind.String && !IsReadableString(aud))
        {
            return false;
        }

        if (hasAudience && aud.ValueKind != JsonValueKind.String
            && (aud.ValueKind != JsonValueKind.Array || aud.EnumerateArray().Any(e => !IsReadableString(e))))
        {
            return false;
        }

        if (audience is null)
        {
            return !hasAudience;
        }

        return hasAudience && (aud.ValueKind == JsonValueKind.String
            ? StringEquals(aud, audience)
            : aud.EnumerateArray().Any(e => StringEquals(e, audience)));
    }

    /// <summary>Strict UTF-8 without a byte order mark, one JSON object within the depth, top-level names valid and unique.</summary>
    public static bool IsObjectWithUniqueNames(byte[] payload, int maxDepth)
    {
        if (payload.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return false;
        }

        try
        {
            s_strictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (!AllTextReadable(document.RootElement))
            {
                return false; // a string or name escaping a lone surrogate is not text (RFC 7493 §2.1)
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string name;
                try
                {
                    name = property.Name;
                }
                catch (InvalidOperationException)
                {
                    return false; // a name that is not valid Unicode (an escaped lone surrogate)
                }

                if (!names.Add(name))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool AllTextReadable(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(AllTextReadable);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(p => p.Name.Length >= 0 && AllTextReadable(p.Value));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsFiniteNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>A JSON string whose escapes are valid UTF-16, so that it reads as text.</summary>
    public static bool IsReadableString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool StringEquals(JsonElement element, string expected)
    {
        try
        {
            return element.GetString() == expected;
        }
        catch (InvalidOperationException)
        {
            return false; // not valid Unicode, so equal to no configured value
        }
    }
}
