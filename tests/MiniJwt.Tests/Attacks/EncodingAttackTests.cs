using System;
using System.Linq;
using System.Text;
using MiniJwt.Tests.Properties;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Attacks on the token's shape and encodings, where parsers differ: the number of segments (JWE-shaped tokens,
/// JSON serialization given to a compact verifier), non-canonical Base64Url, duplicate member names (also
/// spelled with escapes), a header or payload that is not an object, and text that is not strict UTF-8.
/// </summary>
public sealed class EncodingAttackTests
{
    private static readonly JwtValidationOptions s_hs256 = Options(JwtAlgorithm.HS256);

    private static string Valid => Forge("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", ValidPayload, Hs256);

    [Fact]
    public void Control_TheUnchangedTokenIsAccepted()
    {
        AssertAccepted(Valid, Hs256, s_hs256);
    }

    // ---------------------------------------------------------------- segments

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    public void ExtraSegments_FourSixOrMoreParts_AreMalformed(int parts)
    {
        string token = Valid + string.Concat(Enumerable.Repeat("." + B64("x"), parts - 3));
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.Malformed);
        AssertRefused(Valid + ".", Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Fact]
    public void JweShapedToken_FiveParts_IsMalformed()
    {
        // A JWE compact token (RFC 7516): protected header, encrypted key, IV, ciphertext, tag.
        string header = B64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}");
        string jwe = string.Join('.', header, B64(new byte[256]), B64(new byte[12]), B64(Encoding.UTF8.GetBytes(ValidPayload)), B64(new byte[16]));
        AssertRefused(jwe, Hs256, s_hs256, JwtErrorCode.Malformed);

        // "dir" has an empty encrypted key: four dots still.
        string direct = string.Join('.', B64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}"), string.Empty, B64(new byte[12]), B64("ct"), B64(new byte[16]));
        AssertRefused(direct, Hs256, s_hs256, JwtErrorCode.Malformed);

        // A five-part token whose header claims HS256 is no better.
        AssertRefused(Valid + "." + B64("x") + "." + B64("y"), Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData("a")]
    [InlineData("a.b")]
    public void TooFewSegmentsOrNothingInThem_IsMalformed(string token)
    {
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Fact]
    public void EmptyHeaderSegment_IsMalformed()
    {
        string token = Valid;
        AssertRefused(token[token.IndexOf('.')..], Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Fact]
    public void JsonSerialization_GivenToTheCompactVerifier_IsMalformed()
    {
        string[] parts = Valid.Split('.');
        string flattened = "{\"payload\":\"" + parts[1] + "\",\"protected\":\"" + parts[0] + "\",\"signature\":\"" + parts[2] + "\"}";
        string general = "{\"payload\":\"" + parts[1] + "\",\"signatures\":[{\"protected\":\"" + parts[0] + "\",\"signature\":\"" + parts[2] + "\"}]}";
        AssertRefused(flattened, Hs256, s_hs256, JwtErrorCode.Malformed);
        AssertRefused(general, Hs256, s_hs256, JwtErrorCode.Malformed);
        Assert.False(Jwt.TryReadHeaderUnverified(flattened, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.Malformed, error.Code);
    }

    // ---------------------------------------------------------------- Base64Url

    [Theory]
    [InlineData("Bearer ", "")]
    [InlineData("bearer ", "")]
    [InlineData(" ", "")]
    [InlineData("", " ")]
    [InlineData("", "\n")]
    [InlineData("", "\r\n")]
    [InlineData("\t", "")]
    [InlineData("\"", "\"")]
    [InlineData("\uFEFF", "")]
    [InlineData("", "\0")]
    public void TokenWrappedInPrefixSuffixOrWhitespace_IsMalformed(string prefix, string suffix)
    {
        AssertRefused(prefix + Valid + suffix, Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void PaddingInAnySegment_IsMalformed(int segment)
    {
        // Padding is only possible where a segment does not end on a whole group; add it wherever it would go.
        string[] parts = Valid.Split('.');
        int partial = parts[segment].Length % 4;
        parts[segment] += partial == 0 ? "=" : new string('=', 4 - partial);
        AssertRefused(string.Join('.', parts), Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Theory]
    [InlineData(0, ' ')]
    [InlineData(1, ' ')]
    [InlineData(2, ' ')]
    [InlineData(1, '\n')]
    [InlineData(1, '\r')]
    [InlineData(0, '\t')]
    [InlineData(2, '+')]
    [InlineData(1, '/')]
    [InlineData(0, '=')]
    [InlineData(1, '\u00A0')]
    [InlineData(1, '\u2028')]
    [InlineData(2, '\u0410')]
    [InlineData(2, '\uFF21')]
    public void ForeignCharacterInsideASegment_IsMalformed(int segment, char c)
    {
        string[] parts = Valid.Split('.');
        parts[segment] = parts[segment].Insert(parts[segment].Length / 2, c.ToString());
        AssertRefused(string.Join('.', parts), Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Fact]
    public void PlainBase64Alphabet_PlusAndSlashForMinusAndUnderscore_IsMalformed()
    {
        // Find a token whose segments use '-' or '_', then spell it in the plain Base64 alphabet.
        string token = Enumerable.Range(0, 200)
            .Select(i => Forge("{\"alg\":\"HS256\",\"n\":" + i + "}", ValidPayload, Hs256))
            .First(t => t.Contains('-', StringComparison.Ordinal) && t.Contains('_', StringComparison.Ordinal));
        AssertAccepted(token, Hs256, s_hs256);
        AssertRefused(token.Replace('-', '+').Replace('_', '/'), Hs256, s_hs256, JwtErrorCode.Malformed);
    }

    [Fact]
    public void HeaderWithNonCanonicalTrailingBits_IsInvalidBase64Url()
    {
        string token = SignInput(Spellings("{\"alg\":\"HS256\"}").Malleable + "." + B64(ValidPayload), Hs256);
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidBase64Url);
    }

    [Fact]
    public void PayloadWithNonCanonicalTrailingBits_TamperedIsInvalidSignature_SignedIsInvalidBase64Url()
    {
        (string canonical, string malleable) = Spellings(ValidPayload);
        string header = B64("{\"alg\":\"HS256\"}");

        // Respelling a signed token's payload breaks the signature over its text.
        string genuine = SignInput(header + "." + canonical, Hs256);
        AssertAccepted(genuine, Hs256, s_hs256);
        string tampered = header + "." + malleable + genuine[genuine.LastIndexOf('.')..];
        AssertRefused(tampered, Hs256, s_hs256, JwtErrorCode.InvalidSignature);

        // And a lenient issuer's signed non-canonical payload is refused at both levels.
        AssertRefused(SignInput(header + "." + malleable, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidBase64Url);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void SegmentLengthThatNoByteCountEncodesTo_IsInvalidBase64Url(int segment)
    {
        string[] parts = Valid.Split('.');
        while (parts[segment].Length % 4 != 1)
        {
            parts[segment] += "A";
        }

        string token = SignInput(parts[0] + "." + parts[1], Hs256);
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidBase64Url);
    }

    // ---------------------------------------------------------------- duplicate names

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"alg\":\"none\"}")]
    [InlineData("{\"alg\":\"none\",\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\",\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\",\"\\u0061lg\":\"none\"}")]
    [InlineData("{\"\\u0061\\u006c\\u0067\":\"none\",\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\",\"kid\":\"a\",\"kid\":\"b\"}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"t\\u0079p\":\"at+jwt\"}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[],\"crit\":[]}")]
    public void DuplicateHeaderMember_AlsoViaEscapes_IsDuplicateMember(string header)
    {
        AssertRefused(Forge(header, ValidPayload, Hs256), Hs256, s_hs256, JwtErrorCode.DuplicateMember);
    }

    [Theory]
    [InlineData("{\"sub\":\"alice\",\"sub\":\"admin\",\"exp\":1764003600}")]
    [InlineData("{\"sub\":\"alice\",\"\\u0073ub\":\"admin\",\"exp\":1764003600}")]
    [InlineData("{\"sub\":\"alice\",\"s\\u0075\\u0062\":\"admin\",\"exp\":1764003600}")]
    [InlineData("{\"exp\":1,\"exp\":1764003600}")]
    [InlineData("{\"exp\":1764003600,\"exp\":1}")]
    [InlineData("{\"exp\":1764003600,\"aud\":\"api\",\"aud\":\"admin\"}")]
    [InlineData("{\"exp\":1764003600,\"role\":\"user\",\"role\":\"admin\"}")]
    [InlineData("{\"exp\":1764003600,\"\\ud83d\\ude00\":1,\"\uD83D\uDE00\":2}")]
    public void DuplicatePayloadMember_AlsoViaEscapes_IsDuplicateMember(string payload)
    {
        AssertRefused(Forge("{\"alg\":\"HS256\"}", payload, Hs256), Hs256, s_hs256, JwtErrorCode.DuplicateMember);
    }

    [Theory]
    [InlineData(17, 0, 16)]
    [InlineData(40, 3, 39)]
    [InlineData(300, 299, 0)]
    public void DuplicateMemberAmongManyNames_IsDuplicateMember(int count, int first, int second)
    {
        // More than 16 names: the check sorts hashes instead of comparing pairs.
        string[] names = Enumerable.Range(0, count).Select(i => "claim" + i).ToArray();
        names[second] = names[first];
        string payload = "{\"exp\":1764003600," + string.Join(',', names.Select(n => "\"" + n + "\":0")) + "}";
        string header = "{\"alg\":\"HS256\"," + string.Join(',', names.Select(n => "\"" + n + "\":0")) + "}";
        AssertRefused(Forge("{\"alg\":\"HS256\"}", payload, Hs256), Hs256, s_hs256, JwtErrorCode.DuplicateMember);
        AssertRefused(Forge(header, ValidPayload, Hs256), Hs256, s_hs256, JwtErrorCode.DuplicateMember);
    }

    [Fact]
    public void DuplicateMemberHiddenBehindAHashCollision_IsDuplicateMember()
    {
        // Names whose FNV-1a hash (the one the duplicate check sorts by) equals that of "sub", placed between two
        // "sub" members among more than 16 names: a check that compared only neighbours after sorting would miss it.
        string[] colliders = NameHashCollisions.For("sub", 3);
        Assert.All(colliders, c => Assert.Equal(NameHashCollisions.Fnv1a("sub"), NameHashCollisions.Fnv1a(c)));

        string filler = string.Concat(Enumerable.Range(0, 20).Select(i => ",\"f" + i + "\":0"));
        string payload = "{\"sub\":\"alice\",\"" + colliders[0] + "\":0,\"" + colliders[1] + "\":0,\"sub\":\"admin\",\"" + colliders[2] + "\":0,\"exp\":1764003600" + filler + "}";
        AssertRefused(Forge("{\"alg\":\"HS256\"}", payload, Hs256), Hs256, s_hs256, JwtErrorCode.DuplicateMember);

        string header = "{\"alg\":\"HS256\",\"" + colliders[0] + "\":0,\"sub\":1,\"" + colliders[1] + "\":0,\"sub\":2" + filler + "}";
        AssertRefused(Forge(header, ValidPayload, Hs256), Hs256, s_hs256, JwtErrorCode.DuplicateMember);

        // Without the repeated name, colliding names are just names.
        string unique = "{\"sub\":\"alice\",\"" + string.Join("\":0,\"", colliders) + "\":0,\"exp\":1764003600" + filler + "}";
        AssertAccepted(Forge("{\"alg\":\"HS256\"}", unique, Hs256), Hs256, s_hs256);
    }

    // ---------------------------------------------------------------- not an object, not UTF-8

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"alg\":\"HS256\"}]")]
    [InlineData("\"HS256\"")]
    [InlineData("null")]
    [InlineData("256")]
    [InlineData("{\"alg\":\"HS256\"}{}")]
    [InlineData("{\"alg\":\"HS256\"}x")]
    [InlineData("{\"alg\":\"HS256\",}")]
    [InlineData("{\"alg\":\"HS256\"")]
    [InlineData("{'alg':'HS256'}")]
    [InlineData("{alg:\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\"} // comment")]
    [InlineData("/**/{\"alg\":\"HS256\"}")]
    [InlineData(" ")]
    public void HeaderNotAJsonObject_IsInvalidJson(string header)
    {
        AssertRefused(Forge(header, ValidPayload, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("[{\"exp\":1764003600}]")]
    [InlineData("\"sub\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("1764003600")]
    [InlineData("{\"exp\":1764003600}{}")]
    [InlineData("{\"exp\":1764003600}x")]
    [InlineData("{\"exp\":1764003600,}")]
    [InlineData("{\"exp\":1764003600")]
    [InlineData("{\"exp\":NaN}")]
    [InlineData("{\"exp\":Infinity}")]
    [InlineData("{\"exp\":0x69}")]
    [InlineData("{\"exp\":1764003600,\"n\":01}")]
    [InlineData("{\"exp\":1764003600} /* comment */")]
    public void PayloadNotAJsonObject_IsInvalidJson(string payload)
    {
        AssertRefused(Forge("{\"alg\":\"HS256\"}", payload, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
    }

    [Theory]
    [InlineData("EFBBBF7B22616C67223A224853323536227D", "BOM")]
    [InlineData("7B22616C67223A224853323536222C2278223A22FF227D", "0xFF")]
    [InlineData("7B22616C67223A224853323536222C2278223A22C0AF227D", "overlong '/'")]
    [InlineData("7B22616C67223A224853323536222C2278223A22EDA080227D", "UTF-8 encoded surrogate")]
    [InlineData("7B22616C67223A224853323536222C2278223A22F4908080227D", "beyond U+10FFFF")]
    [InlineData("7B22616C67223A224853323536222C22C3223A317D", "truncated sequence in a name")]
    public void HeaderNotStrictUtf8_IsInvalidJson(string hex, string what)
    {
        AssertRefused(Forge(Convert.FromHexString(hex), Encoding.UTF8.GetBytes(ValidPayload), Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
        Assert.NotEmpty(what);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32LE")]
    public void HeaderOrPayloadInUtf16OrUtf32_WithOrWithoutBom_IsInvalidJson(string encodingName)
    {
        Encoding encoding = encodingName switch
        {
            "utf-16LE" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "utf-16BE" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            _ => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        };
        foreach (bool bom in new[] { false, true })
        {
            byte[] header = Encode(encoding, "{\"alg\":\"HS256\"}", bom);
            byte[] payload = Encode(encoding, ValidPayload, bom);
            AssertRefused(Forge(header, Encoding.UTF8.GetBytes(ValidPayload), Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
            AssertRefused(Forge(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\"}"), payload, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
        }
    }

    [Theory]
    [InlineData("EFBBBF")]
    [InlineData("")]
    public void PayloadNotStrictUtf8_IsInvalidJson(string prefixHex)
    {
        byte[] prefix = Convert.FromHexString(prefixHex);
        foreach (byte[] bad in new[] { new byte[] { 0xFF }, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82] })
        {
            byte[] payload = [.. prefix, .. "{\"sub\":\""u8, .. bad, .. "\",\"exp\":1764003600}"u8];
            AssertRefused(Forge(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\"}"), payload, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
        }

        byte[] bomOnly = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ValidPayload)];
        AssertRefused(Forge(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\"}"), bomOnly, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidJson);
    }

    /// <summary>
    /// Two spellings of <paramref name="json"/> (padded with spaces until its last group is partial): the canonical
    /// one, and one with the lowest spare bit of the last character set — the same bytes for a lenient decoder.
    /// </summary>
    private static (string Canonical, string Malleable) Spellings(string json)
    {
        while (Encoding.UTF8.GetByteCount(json) % 3 == 0)
        {
            json += " ";
        }

        string encoded = B64(json);
        int last = PropertyTests.Alphabet.IndexOf(encoded[^1], StringComparison.Ordinal);
        Assert.Equal(0, last & 1);
        return (encoded, encoded[..^1] + PropertyTests.Alphabet[last | 1]);
    }

    private static byte[] Encode(Encoding encoding, string text, bool bom) =>
        bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);
}
