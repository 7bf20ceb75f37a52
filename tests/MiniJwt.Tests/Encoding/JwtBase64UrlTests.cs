using System;
using FsCheck.Xunit;
using Xunit;
using TextEncoding = System.Text.Encoding;

namespace MiniJwt.Tests;

/// <summary>Tests of <see cref="JwtBase64Url"/>: vectors, strictness, the Try ladder and finding 5 (writes past the output).</summary>
public partial class JwtBase64UrlTests
{
    // Source: RFC 4648 §10 (test vectors). They contain neither '+' nor '/' nor padding beyond the tail,
    // so the Base64Url form is the RFC's Base64 form with the '=' padding removed.
    public static TheoryData<string, string> Rfc4648Vectors => new()
    {
        { "", "" },
        { "f", "Zg" },
        { "fo", "Zm8" },
        { "foo", "Zm9v" },
        { "foob", "Zm9vYg" },
        { "fooba", "Zm9vYmE" },
        { "foobar", "Zm9vYmFy" },
    };

    // Bytes whose Base64 form uses '+' and '/' (RFC 4648 §4 values 62 and 63): the URL alphabet has '-' and '_'.
    public static TheoryData<byte[], string> UrlAlphabetVectors => new()
    {
        { new byte[] { 0xFB, 0xEF, 0xBE }, "----" },
        { new byte[] { 0xFF, 0xFF, 0xFF }, "____" },
        { new byte[] { 0xFB, 0xFF }, "-_8" },
        { new byte[] { 0xFF }, "_w" },
        { new byte[] { 0x00, 0x10, 0x83, 0x10, 0x51, 0x87, 0x20, 0x92, 0x8B, 0x30, 0xD3, 0x8F, 0x41, 0x14, 0x93, 0x51, 0x55, 0x97, 0x61, 0x96, 0x9B, 0x71, 0xD7, 0x9F, 0x82, 0x18, 0xA3, 0x92, 0x59, 0xA7, 0xA2, 0x9A, 0xAB, 0xB2, 0xDB, 0xAF, 0xC3, 0x1C, 0xB3, 0xD3, 0x5D, 0xB7, 0xE3, 0x9E, 0xBB, 0xF3, 0xDF, 0xBF },
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" },
    };

    [Theory]
    [MemberData(nameof(Rfc4648Vectors))]
    public void EncodeToString_matches_RFC4648_vectors(string plain, string encoded)
    {
        Assert.Equal(encoded, JwtBase64Url.EncodeToString(TextEncoding.ASCII.GetBytes(plain)));
    }

    [Theory]
    [MemberData(nameof(Rfc4648Vectors))]
    public void EncodeToUtf8_matches_RFC4648_vectors(string plain, string encoded)
    {
        Assert.Equal(TextEncoding.ASCII.GetBytes(encoded), JwtBase64Url.EncodeToUtf8(TextEncoding.ASCII.GetBytes(plain)));
    }

    [Theory]
    [MemberData(nameof(Rfc4648Vectors))]
    public void DecodeFromChars_matches_RFC4648_vectors(string plain, string encoded)
    {
        Assert.Equal(TextEncoding.ASCII.GetBytes(plain), JwtBase64Url.DecodeFromChars(encoded));
    }

    [Theory]
    [MemberData(nameof(Rfc4648Vectors))]
    public void DecodeFromUtf8_matches_RFC4648_vectors(string plain, string encoded)
    {
        Assert.Equal(TextEncoding.ASCII.GetBytes(plain), JwtBase64Url.DecodeFromUtf8(TextEncoding.ASCII.GetBytes(encoded)));
    }

    [Theory]
    [MemberData(nameof(UrlAlphabetVectors))]
    public void Encode_uses_the_url_alphabet(byte[] bytes, string encoded)
    {
        Assert.Equal(encoded, JwtBase64Url.EncodeToString(bytes));
    }

    [Theory]
    [MemberData(nameof(UrlAlphabetVectors))]
    public void Decode_reads_the_url_alphabet(byte[] bytes, string encoded)
    {
        Assert.Equal(bytes, JwtBase64Url.DecodeFromChars(encoded));
        Assert.Equal(bytes, JwtBase64Url.DecodeFromUtf8(TextEncoding.ASCII.GetBytes(encoded)));
    }

    [Fact]
    public void Every_byte_value_round_trips_through_every_encoder_and_decoder()
    {
        byte[] all = new byte[256];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (byte)i;
        }

        for (int length = 0; length <= all.Length; length++)
        {
            ReadOnlySpan<byte> source = all.AsSpan(0, length);
            string text = JwtBase64Url.EncodeToString(source);
            byte[] utf8 = JwtBase64Url.EncodeToUtf8(source);
            char[] chars = new char[JwtBase64Url.GetEncodedLength(length)];
            Assert.Equal(chars.Length, JwtBase64Url.EncodeToChars(source, chars));
            Assert.Equal(text, new string(chars));
            Assert.Equal(text, TextEncoding.ASCII.GetString(utf8));
            Assert.Equal(Convert.ToBase64String(source).TrimEnd('=').Replace('+', '-').Replace('/', '_'), text);
            Assert.Equal(source.ToArray(), JwtBase64Url.DecodeFromChars(text));
            Assert.Equal(source.ToArray(), JwtBase64Url.DecodeFromUtf8(utf8));
            Assert.True(JwtBase64Url.IsValid(utf8));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 6)]
    [InlineData(32, 43)]
    [InlineData(64, 86)]
    [InlineData(132, 176)]
    [InlineData(256, 342)]
    [InlineData(1_610_612_735, int.MaxValue)]
    public void GetEncodedLength_is_exact_without_padding(int byteCount, int expected)
    {
        Assert.Equal(expected, JwtBase64Url.GetEncodedLength(byteCount));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_610_612_736)]
    [InlineData(int.MaxValue)]
    public void GetEncodedLength_refuses_out_of_range_counts(int byteCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>("byteCount", () => JwtBase64Url.GetEncodedLength(byteCount));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(6, 4)]
    [InlineData(43, 32)]
    [InlineData(86, 64)]
    [InlineData(176, 132)]
    public void GetDecodedLength_is_exact(int length, int expected)
    {
        Assert.Equal(expected, JwtBase64Url.GetDecodedLength(length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(41)]
    public void GetDecodedLength_is_minus_one_when_one_character_is_left_over(int length)
    {
        Assert.Equal(-1, JwtBase64Url.GetDecodedLength(length));
    }

    [Fact]
    public void GetDecodedLength_refuses_a_negative_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>("length", () => JwtBase64Url.GetDecodedLength(-1));
    }

    // Inputs a strict decoder must refuse, each for one reason.
    public static TheoryData<string> Invalid => new()
    {
        "Zg==",          // padding
        "Zm8=",          // padding
        "Zg=",           // padding, one '='
        "+w",            // '+' from the standard alphabet (Base64 of 0xFB)
        "/w",            // '/' from the standard alphabet (Base64 of 0xFF)
        "Zm9v Yg",       // inner space
        " Zm9v",         // leading space
        "Zm9v\n",        // trailing newline
        "Zm9v\tYg",      // tab
        "Zm9vY\r\ng",    // CR LF
        "Z",             // length ≡ 1 mod 4
        "Zm9vY",         // length ≡ 1 mod 4
        "YR",            // non-canonical: "a" is "YQ"; 'R' leaves a 1 in the unused low bits
        "Zh",            // non-canonical: "f" is "Zg"
        "YWF",           // non-canonical: "aa" is "YWE"
        "Zm9",           // non-canonical: "fo" is "Zm8"
        "Zm9v.g",        // '.' is not in the alphabet
        "Zm9v!A",        // punctuation
        "Zm9vé8",        // non-ASCII character
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryDecodeFromChars_refuses_non_strict_input(string input)
    {
        byte[] destination = new byte[input.Length];
        Assert.False(JwtBase64Url.TryDecodeFromChars(input, destination, out int written));
        Assert.Equal(0, written);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryDecodeFromUtf8_refuses_non_strict_input(string input)
    {
        byte[] utf8 = TextEncoding.UTF8.GetBytes(input);
        byte[] destination = new byte[utf8.Length];
        Assert.False(JwtBase64Url.TryDecodeFromUtf8(utf8, destination, out int written));
        Assert.Equal(0, written);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void IsValid_refuses_non_strict_input(string input)
    {
        Assert.False(JwtBase64Url.IsValid(TextEncoding.UTF8.GetBytes(input)));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void DecodeFromChars_throws_FormatException_for_non_strict_input(string input)
    {
        Assert.Throws<FormatException>(() => JwtBase64Url.DecodeFromChars(input));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void DecodeFromUtf8_throws_FormatException_for_non_strict_input(string input)
    {
        Assert.Throws<FormatException>(() => JwtBase64Url.DecodeFromUtf8(TextEncoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Canonical_tail_is_accepted_where_the_non_canonical_one_is_not()
    {
        Assert.Equal("a"u8.ToArray(), JwtBase64Url.DecodeFromChars("YQ"));
        Assert.Equal("aa"u8.ToArray(), JwtBase64Url.DecodeFromChars("YWE"));
    }

    [Fact]
    public void TryDecodeFromChars_refuses_a_character_above_0xFF_that_maps_to_the_alphabet_when_truncated()
    {
        // U+0141 truncated to a byte is 0x41 ('A'): the decoder must look at the whole character.
        Assert.False(JwtBase64Url.TryDecodeFromChars("\u0141AAA", new byte[3], out _));
        Assert.False(JwtBase64Url.TryDecodeFromChars("AA\u0141A", new byte[3], out _));
        Assert.False(JwtBase64Url.TryDecodeFromChars("A\u0141", new byte[1], out _));
    }

    [Fact]
    public void TryDecodeFromChars_writes_the_bytes_and_their_count()
    {
        byte[] destination = new byte[8];
        Assert.True(JwtBase64Url.TryDecodeFromChars("Zm9vYmE", destination, out int written));
        Assert.Equal(5, written);
        Assert.Equal("fooba"u8.ToArray(), destination.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryDecodeFromUtf8_writes_the_bytes_and_their_count()
    {
        byte[] destination = new byte[8];
        Assert.True(JwtBase64Url.TryDecodeFromUtf8("Zm9vYmE"u8, destination, out int written));
        Assert.Equal(5, written);
        Assert.Equal("fooba"u8.ToArray(), destination.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void EncodeToUtf8_into_a_span_writes_exactly_the_encoded_length()
    {
        byte[] destination = new byte[10];
        destination.AsSpan().Fill((byte)'*');
        Assert.Equal(7, JwtBase64Url.EncodeToUtf8("fooba"u8, destination));
        Assert.Equal("Zm9vYmE***"u8.ToArray(), destination);
    }

    [Fact]
    public void EncodeToUtf8_throws_ArgumentException_when_the_destination_is_short()
    {
        Assert.Throws<ArgumentException>("destination", () => JwtBase64Url.EncodeToUtf8("fooba"u8, new byte[6]));
    }

    [Fact]
    public void EncodeToChars_throws_ArgumentException_when_the_destination_is_short()
    {
        Assert.Throws<ArgumentException>("destination", () => JwtBase64Url.EncodeToChars("fooba"u8, new char[6]));
    }

    // The Try ladder: a short destination is a false, not an exception, and nothing is written into it.
    [Fact]
    public void TryDecodeFromUtf8_returns_false_and_writes_nothing_when_the_destination_is_short()
    {
        byte[] destination = [0xA5, 0xA5, 0xA5, 0xA5];
        Assert.False(JwtBase64Url.TryDecodeFromUtf8("Zm9vYmE"u8, destination, out int written));
        Assert.Equal(0, written);
        Assert.Equal(new byte[] { 0xA5, 0xA5, 0xA5, 0xA5 }, destination);
    }

    [Fact]
    public void TryDecodeFromChars_returns_false_and_writes_nothing_when_the_destination_is_short()
    {
        byte[] destination = [0xA5, 0xA5, 0xA5, 0xA5];
        Assert.False(JwtBase64Url.TryDecodeFromChars("Zm9vYmE", destination, out int written));
        Assert.Equal(0, written);
        Assert.Equal(new byte[] { 0xA5, 0xA5, 0xA5, 0xA5 }, destination);
    }

    [Fact]
    public void TryEncodeToUtf8_returns_false_and_writes_nothing_when_the_destination_is_short()
    {
        byte[] destination = "******"u8.ToArray();
        Assert.False(JwtBase64Url.TryEncodeToUtf8("fooba"u8, destination, out int written));
        Assert.Equal(0, written);
        Assert.Equal("******"u8.ToArray(), destination);
    }

    [Fact]
    public void TryEncodeToChars_returns_false_and_writes_nothing_when_the_destination_is_short()
    {
        char[] destination = "******".ToCharArray();
        Assert.False(JwtBase64Url.TryEncodeToChars("fooba"u8, destination, out int written));
        Assert.Equal(0, written);
        Assert.Equal("******", new string(destination));
    }

    [Fact]
    public void TryEncode_writes_exactly_the_encoded_length_and_reports_it()
    {
        byte[] utf8 = "**********"u8.ToArray();
        Assert.True(JwtBase64Url.TryEncodeToUtf8("fooba"u8, utf8, out int bytesWritten));
        Assert.Equal(7, bytesWritten);
        Assert.Equal("Zm9vYmE***"u8.ToArray(), utf8);

        char[] chars = "**********".ToCharArray();
        Assert.True(JwtBase64Url.TryEncodeToChars("fooba"u8, chars, out int charsWritten));
        Assert.Equal(7, charsWritten);
        Assert.Equal("Zm9vYmE***", new string(chars));
    }

    [Fact]
    public void Try_methods_accept_empty_input_and_an_empty_destination()
    {
        Assert.True(JwtBase64Url.TryEncodeToUtf8([], [], out int a));
        Assert.True(JwtBase64Url.TryEncodeToChars([], [], out int b));
        Assert.True(JwtBase64Url.TryDecodeFromUtf8([], [], out int c));
        Assert.True(JwtBase64Url.TryDecodeFromChars([], [], out int d));
        Assert.Equal(0, a + b + c + d);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Try_decoders_refuse_non_strict_input_without_throwing_whatever_the_destination_size(string input)
    {
        byte[] utf8 = TextEncoding.UTF8.GetBytes(input);
        for (int size = 0; size <= utf8.Length + 1; size++)
        {
            Assert.False(JwtBase64Url.TryDecodeFromChars(input, new byte[size], out int written));
            Assert.Equal(0, written);
            Assert.False(JwtBase64Url.TryDecodeFromUtf8(utf8, new byte[size], out written));
            Assert.Equal(0, written);
        }
    }

    [Fact]
    public void DecodeFromUtf8_into_a_span_throws_ArgumentException_when_the_destination_is_short()
    {
        Assert.Throws<ArgumentException>("destination", () => JwtBase64Url.DecodeFromUtf8("Zm9vYmE"u8, new byte[4]));
    }

    [Fact]
    public void DecodeFromChars_into_a_span_throws_ArgumentException_when_the_destination_is_short()
    {
        Assert.Throws<ArgumentException>("destination", () => JwtBase64Url.DecodeFromChars("Zm9vYmE", new byte[4]));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Decode_into_a_span_throws_FormatException_for_non_strict_input(string input)
    {
        byte[] destination = new byte[input.Length];
        Assert.Throws<FormatException>(() => JwtBase64Url.DecodeFromChars(input, destination));
        Assert.Throws<FormatException>(() => JwtBase64Url.DecodeFromUtf8(TextEncoding.UTF8.GetBytes(input), destination));
    }

    [Fact]
    public void Decode_into_a_span_writes_the_bytes_and_returns_their_count()
    {
        byte[] destination = new byte[8];
        Assert.Equal(5, JwtBase64Url.DecodeFromChars("Zm9vYmE", destination));
        Assert.Equal("fooba"u8.ToArray(), destination.AsSpan(0, 5).ToArray());
        Array.Clear(destination);
        Assert.Equal(5, JwtBase64Url.DecodeFromUtf8("Zm9vYmE"u8, destination));
        Assert.Equal("fooba"u8.ToArray(), destination.AsSpan(0, 5).ToArray());
    }

    // Finding 5: the vector stores were bounded by the destination, not by the decoded length, so a decoder
    // wrote up to 8 zero bytes past bytesWritten. Every length from 0 to 200 bytes covers the scalar tail alone
    // (under 16 characters), the 128-bit steps and the 256-bit steps, each followed by every tail length.
    [Fact]
    public void Finding5_Try_decoders_change_nothing_past_bytesWritten_for_every_length_0_to_200()
    {
        var random = new Random(5);
        for (int length = 0; length <= 200; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            string text = JwtBase64Url.EncodeToString(data);
            foreach (int slack in (int[])[0, 1, 7, 8, 9, 32, 64])
            {
                AssertDecodersKeepThePastUntouched(data, text, slack, sentinel: 0xA5);
                AssertDecodersKeepThePastUntouched(data, text, slack, sentinel: 0x00);
            }
        }
    }

    [Property(MaxTest = 1000)]
    public void Property_finding5_Try_decoders_change_nothing_past_bytesWritten(byte[] data, byte sentinel, byte slack)
    {
        AssertDecodersKeepThePastUntouched(data, JwtBase64Url.EncodeToString(data), slack, sentinel);
    }

    // Invalid input: the decoders may have written a prefix of the decoded bytes, but never at or past the decoded length.
    [Fact]
    public void Finding5_Try_decoders_change_nothing_past_the_decoded_length_of_invalid_input()
    {
        var random = new Random(55);
        for (int length = 1; length <= 200; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            string valid = JwtBase64Url.EncodeToString(data);
            int position = random.Next(valid.Length);
            string text = valid[..position] + "=" + valid[(position + 1)..];
            byte[] utf8 = TextEncoding.ASCII.GetBytes(text);
            byte[] destination = new byte[length + 40];
            destination.AsSpan().Fill(0xA5);
            Assert.False(JwtBase64Url.TryDecodeFromUtf8(utf8, destination, out int written));
            Assert.Equal(0, written);
            Assert.True(destination.AsSpan(length).IndexOfAnyExcept((byte)0xA5) < 0, $"UTF-8, length {length}, '=' at {position}");
            Assert.False(JwtBase64Url.TryDecodeFromChars(text, destination, out written));
            Assert.Equal(0, written);
            Assert.True(destination.AsSpan(length).IndexOfAnyExcept((byte)0xA5) < 0, $"chars, length {length}, '=' at {position}");
        }
    }

    private static void AssertDecodersKeepThePastUntouched(byte[] data, string text, int slack, byte sentinel)
    {
        byte[] utf8 = TextEncoding.ASCII.GetBytes(text);
        byte[] destination = new byte[data.Length + slack];
        destination.AsSpan().Fill(sentinel);
        Assert.True(JwtBase64Url.TryDecodeFromUtf8(utf8, destination, out int written));
        Assert.Equal(data.Length, written);
        Assert.Equal(data, destination.AsSpan(0, written).ToArray());
        int changed = destination.AsSpan(written).IndexOfAnyExcept(sentinel);
        Assert.True(changed < 0, $"TryDecodeFromUtf8 of {data.Length} bytes changed byte {written + changed} past bytesWritten (slack {slack})");

        destination.AsSpan().Fill(sentinel);
        Assert.True(JwtBase64Url.TryDecodeFromChars(text, destination, out written));
        Assert.Equal(data.Length, written);
        Assert.Equal(data, destination.AsSpan(0, written).ToArray());
        changed = destination.AsSpan(written).IndexOfAnyExcept(sentinel);
        Assert.True(changed < 0, $"TryDecodeFromChars of {data.Length} bytes changed byte {written + changed} past bytesWritten (slack {slack})");
    }

    [Property(MaxTest = 1000)]
    public void Property_encode_then_decode_gives_the_bytes_back(byte[] data)
    {
        string text = JwtBase64Url.EncodeToString(data);
        Assert.Equal(JwtBase64Url.GetEncodedLength(data.Length), text.Length);
        Assert.Equal(data, JwtBase64Url.DecodeFromChars(text));
        Assert.Equal(data, JwtBase64Url.DecodeFromUtf8(TextEncoding.ASCII.GetBytes(text)));
    }

    [Property(MaxTest = 2000)]
    public void Property_text_decodes_exactly_when_it_is_the_canonical_encoding_of_its_bytes(byte[] indexes)
    {
        // Text over the URL alphabet of any length: one length in four leaves a character over, and most
        // tails carry non-zero unused bits. A lenient decoder (the BCL's Base64) gives the reference bytes.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] chars = Array.ConvertAll(indexes, b => Alphabet[b & 63]);
        string text = new(chars);
        bool canonical = false;
        byte[] reference = [];
        if (text.Length % 4 != 1)
        {
            string standard = text.Replace('-', '+').Replace('_', '/');
            reference = Convert.FromBase64String(standard + new string('=', (4 - (standard.Length % 4)) % 4));
            canonical = JwtBase64Url.EncodeToString(reference) == text;
        }

        byte[] destination = new byte[text.Length];
        Assert.Equal(canonical, JwtBase64Url.TryDecodeFromChars(text, destination, out int written));
        Assert.Equal(canonical, JwtBase64Url.TryDecodeFromUtf8(TextEncoding.ASCII.GetBytes(text), destination, out int writtenUtf8));
        Assert.Equal(canonical, JwtBase64Url.IsValid(TextEncoding.ASCII.GetBytes(text)));
        if (canonical)
        {
            Assert.Equal(reference, destination.AsSpan(0, written).ToArray());
            Assert.Equal(written, writtenUtf8);
        }
    }

    [Fact]
    public void Encoding_long_input_beyond_the_stack_buffer_is_correct()
    {
        byte[] data = new byte[3000];
        new Random(7).NextBytes(data);
        string expected = Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, JwtBase64Url.EncodeToString(data));
        Assert.Equal(data, JwtBase64Url.DecodeFromChars(expected));
    }
}
