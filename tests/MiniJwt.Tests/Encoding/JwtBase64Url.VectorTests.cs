using System;
using System.Linq;
using FsCheck.Xunit;
using Xunit;
using TextEncoding = System.Text.Encoding;

namespace MiniJwt.Tests;

/// <summary>
/// Tests of the vector paths of <see cref="JwtBase64Url"/> (<c>JwtBase64Url.Vector.cs</c>). Which path runs is chosen
/// by size: under 16 characters (12 bytes) only the scalar code; 16 to 31 characters one 128-bit step and the scalar
/// tail; from 32 characters (24 bytes) the 256-bit steps where the hardware has them, then a 128-bit step, then the
/// scalar tail. The lengths below cover each path and each boundary between them, with every tail length.
/// </summary>
public partial class JwtBase64UrlTests
{
    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Characters just outside each range of the alphabet, the plain-Base64 ones, padding, whitespace and bytes with
    // the high bit set: every class a range check or a lookup can get wrong.
    private static readonly byte[] s_invalidBytes =
        [(byte)'=', (byte)'+', (byte)'/', (byte)' ', (byte)'\t', (byte)'\n', (byte)'\r', (byte)'.', (byte)',',
         (byte)'@', (byte)'[', (byte)'`', (byte)'{', (byte)':', (byte)'^', (byte)'~', 0x00, 0x1F, 0x7F, 0x80, 0xAD, 0xC1, 0xDF, 0xFF];

    // Lengths in characters: each path alone, each boundary, and long inputs with every tail (≡ 0, 2, 3 mod 4).
    private static readonly int[] s_textLengths =
        [2, 3, 4, 15, 16, 18, 19, 20, 30, 31, 32, 34, 35, 36, 47, 48, 63, 64, 66, 67, 79, 80, 95, 96, 127, 128, 130, 131, 342, 1366, 1367];

    [Fact]
    public void Long_inputs_round_trip_against_the_base_library_at_every_length_up_to_1500_bytes()
    {
        var random = new Random(1500);
        for (int length = 0; length <= 1500; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            string expected = Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            byte[] expectedUtf8 = TextEncoding.ASCII.GetBytes(expected);

            byte[] utf8 = new byte[expected.Length];
            Assert.True(JwtBase64Url.TryEncodeToUtf8(data, utf8, out int bytesWritten));
            Assert.Equal(expected.Length, bytesWritten);
            Assert.Equal(expectedUtf8, utf8);

            char[] chars = new char[expected.Length];
            Assert.True(JwtBase64Url.TryEncodeToChars(data, chars, out int charsWritten));
            Assert.Equal(expected.Length, charsWritten);
            Assert.Equal(expected, new string(chars));
            Assert.Equal(expected, JwtBase64Url.EncodeToString(data));

            byte[] decoded = new byte[length];
            Assert.True(JwtBase64Url.TryDecodeFromUtf8(expectedUtf8, decoded, out int written));
            Assert.Equal(length, written);
            Assert.Equal(data, decoded);
            Array.Clear(decoded);
            Assert.True(JwtBase64Url.TryDecodeFromChars(expected, decoded, out written));
            Assert.Equal(length, written);
            Assert.Equal(data, decoded);
            Assert.True(JwtBase64Url.IsValid(expectedUtf8));
        }
    }

    [Fact]
    public void Every_alphabet_character_decodes_to_its_value_at_every_position_of_a_vector_step()
    {
        // 64 characters: two 256-bit steps (or four 128-bit ones); each rotation puts every character in every lane.
        for (int rotation = 0; rotation < 64; rotation++)
        {
            string text = UrlAlphabet[rotation..] + UrlAlphabet[..rotation];
            byte[] expected = Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/'));
            Assert.Equal(expected, JwtBase64Url.DecodeFromChars(text));
            Assert.Equal(expected, JwtBase64Url.DecodeFromUtf8(TextEncoding.ASCII.GetBytes(text)));
            Assert.Equal(text, JwtBase64Url.EncodeToString(expected));
        }
    }

    [Fact]
    public void An_invalid_byte_is_refused_at_every_offset_of_every_path()
    {
        var random = new Random(16);
        foreach (int length in s_textLengths)
        {
            byte[] valid = RandomText(random, length);
            byte[] destination = new byte[length];
            for (int offset = 0; offset < length; offset++)
            {
                foreach (byte bad in s_invalidBytes)
                {
                    byte[] text = (byte[])valid.Clone();
                    text[offset] = bad;
                    Assert.False(JwtBase64Url.TryDecodeFromUtf8(text, destination, out int written), $"length {length}, 0x{bad:X2} at {offset}");
                    Assert.Equal(0, written);
                    Assert.False(JwtBase64Url.IsValid(text), $"IsValid: length {length}, 0x{bad:X2} at {offset}");
                }
            }
        }
    }

    [Fact]
    public void An_invalid_character_is_refused_at_every_offset_of_every_path()
    {
        // Beside the bytes above: characters whose low byte is in the alphabet, which a narrowing that drops the high
        // byte would take for 'A', 'a', '0', '-' or '_'.
        char[] invalid = [.. s_invalidBytes.Select(b => (char)b), '\u0141', '\u0161', '\u0130', '\u012D', '\u015F', '\uFF21', '\uD800', '\uFFFF'];
        var random = new Random(17);
        foreach (int length in s_textLengths)
        {
            string valid = TextEncoding.ASCII.GetString(RandomText(random, length));
            byte[] destination = new byte[length];
            for (int offset = 0; offset < length; offset++)
            {
                foreach (char bad in invalid)
                {
                    string text = string.Concat(valid.AsSpan(0, offset), new ReadOnlySpan<char>(in bad), valid.AsSpan(offset + 1));
                    Assert.False(JwtBase64Url.TryDecodeFromChars(text, destination, out int written), $"length {length}, U+{(int)bad:X4} at {offset}");
                    Assert.Equal(0, written);
                }
            }
        }
    }

    [Fact]
    public void A_non_canonical_last_character_is_refused_after_vector_steps()
    {
        var random = new Random(18);
        foreach (int length in s_textLengths.Where(l => l % 4 != 0))
        {
            byte[] text = RandomText(random, length);
            int value = UrlAlphabet.IndexOf((char)text[^1], StringComparison.Ordinal);
            int unused = length % 4 == 2 ? 15 : 3;
            text[^1] = (byte)UrlAlphabet[value & ~unused];
            byte[] destination = new byte[length];
            Assert.True(JwtBase64Url.TryDecodeFromUtf8(text, destination, out _), $"canonical, length {length}");
            for (int bits = 1; bits <= unused; bits++)
            {
                text[^1] = (byte)UrlAlphabet[(value & ~unused) | bits];
                Assert.False(JwtBase64Url.TryDecodeFromUtf8(text, destination, out _), $"length {length}, unused bits {bits}");
                Assert.False(JwtBase64Url.TryDecodeFromChars(TextEncoding.ASCII.GetString(text), destination, out _), $"chars, length {length}, unused bits {bits}");
                Assert.False(JwtBase64Url.IsValid(text));
            }
        }
    }

    [Fact]
    public void Padding_and_whitespace_are_refused_after_vector_steps()
    {
        byte[] data = new byte[100];
        new Random(19).NextBytes(data);
        string text = JwtBase64Url.EncodeToString(data); // 134 characters: ≡ 2 mod 4
        byte[] destination = new byte[200];
        foreach (string bad in (string[])[text + "==", text[..^2] + "==", text + "\n", text[..64] + " " + text[64..], text[..^1] + "="])
        {
            Assert.False(JwtBase64Url.TryDecodeFromChars(bad, destination, out _));
            Assert.False(JwtBase64Url.TryDecodeFromUtf8(TextEncoding.ASCII.GetBytes(bad), destination, out _));
        }
    }

    [Fact]
    public void Try_encoders_change_nothing_past_what_they_write_at_every_length()
    {
        var random = new Random(20);
        for (int length = 0; length <= 200; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            int encoded = JwtBase64Url.GetEncodedLength(length);
            byte[] utf8 = new byte[encoded + 40];
            utf8.AsSpan().Fill(0xA5);
            Assert.True(JwtBase64Url.TryEncodeToUtf8(data, utf8, out int bytesWritten));
            Assert.Equal(encoded, bytesWritten);
            Assert.True(utf8.AsSpan(encoded).IndexOfAnyExcept((byte)0xA5) < 0, $"UTF-8, length {length}");
            char[] chars = new char[encoded + 40];
            chars.AsSpan().Fill('\uA5A5');
            Assert.True(JwtBase64Url.TryEncodeToChars(data, chars, out int charsWritten));
            Assert.Equal(encoded, charsWritten);
            Assert.True(chars.AsSpan(encoded).IndexOfAnyExcept('\uA5A5') < 0, $"chars, length {length}");

            // One byte or character short: false, and nothing written.
            if (encoded > 0)
            {
                utf8.AsSpan().Fill(0xA5);
                Assert.False(JwtBase64Url.TryEncodeToUtf8(data, utf8.AsSpan(0, encoded - 1), out bytesWritten));
                Assert.Equal(0, bytesWritten);
                Assert.True(utf8.AsSpan().IndexOfAnyExcept((byte)0xA5) < 0);
                chars.AsSpan().Fill('\uA5A5');
                Assert.False(JwtBase64Url.TryEncodeToChars(data, chars.AsSpan(0, encoded - 1), out charsWritten));
                Assert.Equal(0, charsWritten);
                Assert.True(chars.AsSpan().IndexOfAnyExcept('\uA5A5') < 0);
            }
        }
    }

    [Fact]
    public void Try_decoders_refuse_a_destination_one_byte_short_at_every_length_and_write_nothing()
    {
        var random = new Random(21);
        for (int length = 1; length <= 200; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            string text = JwtBase64Url.EncodeToString(data);
            byte[] destination = new byte[length - 1];
            destination.AsSpan().Fill(0xA5);
            Assert.False(JwtBase64Url.TryDecodeFromUtf8(TextEncoding.ASCII.GetBytes(text), destination, out int written));
            Assert.Equal(0, written);
            Assert.False(JwtBase64Url.TryDecodeFromChars(text, destination, out written));
            Assert.Equal(0, written);
            Assert.True(destination.AsSpan().IndexOfAnyExcept((byte)0xA5) < 0, $"length {length}");
        }
    }

    [Property(MaxTest = 1000)]
    public void Property_long_text_decodes_exactly_when_the_base_library_decodes_it_and_re_encodes_it(byte[] indexes, byte bad, byte position)
    {
        // Long text over the alphabet (three copies: past the 256-bit steps), sometimes with one foreign byte in it.
        byte[] text = [.. indexes.Concat(indexes).Concat(indexes).Select(b => (byte)UrlAlphabet[b & 63])];
        if (text.Length > 0 && (bad & 1) == 1)
        {
            text[position % text.Length] = bad;
        }

        string standard = TextEncoding.Latin1.GetString(text).Replace('-', '+').Replace('_', '/');
        byte[]? reference = null;
        if (text.Length % 4 != 1 && standard.All(c => c < 0x80 && UrlAlphabet.Contains(c == '+' ? '-' : c == '/' ? '_' : c, StringComparison.Ordinal)))
        {
            reference = Convert.FromBase64String(standard + new string('=', (4 - (standard.Length % 4)) % 4));
            if (JwtBase64Url.EncodeToString(reference) != TextEncoding.ASCII.GetString(text))
            {
                reference = null;
            }
        }

        byte[] destination = new byte[text.Length];
        Assert.Equal(reference is not null, JwtBase64Url.TryDecodeFromUtf8(text, destination, out int written));
        Assert.Equal(reference is not null, JwtBase64Url.TryDecodeFromChars(TextEncoding.Latin1.GetString(text), destination, out int writtenChars));
        if (reference is not null)
        {
            Assert.Equal(reference, destination.AsSpan(0, written).ToArray());
            Assert.Equal(written, writtenChars);
        }
    }

    private static byte[] RandomText(Random random, int length)
    {
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++)
        {
            text[i] = (byte)UrlAlphabet[random.Next(64)];
        }

        // Canonical: clear the unused low bits of the last character.
        if (length % 4 is 2 or 3)
        {
            int value = UrlAlphabet.IndexOf((char)text[^1], StringComparison.Ordinal);
            text[^1] = (byte)UrlAlphabet[value & (length % 4 == 2 ? ~15 : ~3)];
        }

        return text;
    }
}
