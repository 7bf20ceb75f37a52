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
        "{\"aud\":\"a\"}", "{\"x\":[1,{\"y\":\"\\ud800\"}]}", "{\"a\":1,\"a\":2}", "{\"k\":{\"k\":[1,2.5e-3,true]},\"j\":-0.0}",
        "[1,[2,[3]],{\"a\":{}}]", "1.5e+300", "{\"o\":{\"p\":1,\"q\":{\"p\":2,\"p\":3}}}", "[" + new string('[', 16) + new string(']', 16) + "]");

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
