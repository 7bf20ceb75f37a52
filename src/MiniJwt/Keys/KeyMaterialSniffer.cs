using System;
using System.Buffers;
using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;

namespace MiniJwt;

/// <summary>Recognises asymmetric key material that must never serve as an HMAC secret (the key-confusion attack).</summary>
/// <remarks>
/// <para>Recognised, in every layer below: PEM text (any number of dashes from three, any case of <c>BEGIN</c>),
/// SSH keys (<c>ssh-…</c>, <c>ecdsa-sha2-…</c>, <c>sk-…</c>), JWK or JWK Set JSON (also inside <c>[…]</c> and with
/// escaped member names), and DER keys or certificates (SPKI, PKCS#1, PKCS#8, SEC1, X.509) given as raw bytes
/// (trailing line breaks, blanks or NULs allowed), as Base64 or Base64url (line breaks allowed) or as hex.
/// Text may carry a UTF-8 byte order mark or be UTF-16.</para>
/// <para>Bare key numbers (a JWK's <c>n</c>, a raw EC point) look like random bytes and are not recognised.
/// Random secrets in the usual spellings (raw bytes, Base64, hex) are never mistaken for keys: a DER match needs a
/// whole, well-formed key structure.</para>
/// </remarks>
internal static class KeyMaterialSniffer
{
    // More than any key, certificate or JWK Set someone would paste; longer secrets are still checked for PEM and SSH text.
    private const int MaxDecodedLength = 64 * 1024;

    /// <summary>Tells whether <paramref name="secret"/> is asymmetric key material in a recognised spelling.</summary>
    public static bool LooksLikeAsymmetricKey(ReadOnlySpan<byte> secret) => Describe(secret) is not null;

    /// <summary>Says what asymmetric key material <paramref name="secret"/> holds, such as
    /// <c>"Base64 of a DER public key (SubjectPublicKeyInfo)"</c>, or returns <see langword="null"/> when it holds none.</summary>
    public static string? Describe(ReadOnlySpan<byte> secret)
    {
        string? what = DescribeDer(secret);
        if (what is not null)
        {
            return what;
        }

        if (TryUtf16ToAscii(secret, out byte[]? ascii, out string? encoding))
        {
            try
            {
                what = DescribeText(ascii);
                return what is null ? null : encoding + " text holding " + what;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(ascii);
            }
        }

        ReadOnlySpan<byte> text = secret;
        string prefix = string.Empty;
        if (text.Length >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF)
        {
            text = text.Slice(3);
            prefix = "a byte order mark and ";
        }

        what = DescribeText(text);
        return what is null ? null : prefix + what;
    }

    private static string? DescribeText(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> trimmed = text.Trim(" \t\r\n\0"u8);
        if (ContainsPemBoundary(text))
        {
            return "PEM text (a '-----BEGIN …' line)";
        }

        if (StartsWithIgnoreCase(trimmed, "ssh-"u8) || StartsWithIgnoreCase(trimmed, "ecdsa-sha2-"u8)
            || StartsWithIgnoreCase(trimmed, "sk-ecdsa-sha2-"u8) || StartsWithIgnoreCase(trimmed, "sk-ssh-"u8))
        {
            int end = trimmed.IndexOfAny(" \t"u8);
            return "an SSH key ('" + Ascii(trimmed.Slice(0, Math.Min(end < 0 ? trimmed.Length : end, 48))) + " …')";
        }

        if (!trimmed.IsEmpty && trimmed[0] is (byte)'{' or (byte)'[' && IsJwk(trimmed))
        {
            return "a JWK (JSON with \"kty\", \"keys\" or \"x5c\")";
        }

        if (trimmed.Length > MaxDecodedLength * 2)
        {
            return null;
        }

        string? der = DescribeEncodedDer(trimmed, hex: false);
        if (der is not null)
        {
            return "Base64 of " + der;
        }

        der = DescribeEncodedDer(trimmed, hex: true);
        return der is null ? null : "hex of " + der;
    }

    // "---BEGIN", "-----begin", "---- BEGIN SSH2 PUBLIC KEY ----": three or more dashes, optional blanks, BEGIN in any case.
    private static bool ContainsPemBoundary(ReadOnlySpan<byte> text)
    {
        int from = 0;
        while (true)
        {
            int at = text.Slice(from).IndexOf("---"u8);
            if (at < 0)
            {
                return false;
            }

            int i = from + at;
            while (i < text.Length && text[i] == (byte)'-')
            {
                i++;
            }

            while (i < text.Length && text[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }

            if (StartsWithIgnoreCase(text.Slice(i), "begin"u8))
            {
                return true;
            }

            from = i; // every byte is looked at a bounded number of times: linear
        }
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerPrefix)
    {
        if (text.Length < lowerPrefix.Length)
        {
            return false;
        }

        for (int i = 0; i < lowerPrefix.Length; i++)
        {
            byte c = text[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(text[i] + 32) : text[i];
            if (c != lowerPrefix[i])
            {
                return false;
            }
        }

        return true;
    }

    // A JSON object (or an array of them, at any depth) with a member named kty, keys or x5c; escapes are undone by the reader.
    private static bool IsJwk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName
                    && (reader.ValueTextEquals("kty"u8) || reader.ValueTextEquals("keys"u8) || reader.ValueTextEquals("x5c"u8)))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all, or JSON cut short: look for the name as it is written.
        }

        return json.IndexOf("\"kty\""u8) >= 0 || json.IndexOf("\\u006b"u8) >= 0 || json.IndexOf("\\u006B"u8) >= 0;
    }

    // Base64 / Base64url (blanks and line breaks anywhere, padding optional) or hex (blanks and colons allowed).
    private static string? DescribeEncodedDer(ReadOnlySpan<byte> text, bool hex)
    {
        byte[] compact = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length + 3, 1));
        byte[] decoded = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            int length = 0;
            foreach (byte b in text)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || (hex && b == (byte)':'))
                {
                    continue;
                }

                compact[length++] = hex ? b : b switch { (byte)'-' => (byte)'+', (byte)'_' => (byte)'/', _ => b };
            }

            int written;
            if (hex)
            {
                if (length < 32 || length % 2 != 0 || !TryDecodeHex(compact.AsSpan(0, length), decoded, out written))
                {
                    return null;
                }
            }
            else
            {
                if (length < 24 || length % 4 == 1)
                {
                    return null;
                }

                while (length % 4 != 0)
                {
                    compact[length++] = (byte)'=';
                }

                if (Base64.DecodeFromUtf8(compact.AsSpan(0, length), decoded, out int consumed, out written) != OperationStatus.Done || consumed != length)
                {
                    return null;
                }
            }

            return DescribeDer(decoded.AsSpan(0, written));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(compact);
            CryptographicOperations.ZeroMemory(decoded);
            ArrayPool<byte>.Shared.Return(compact);
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> hex, Span<byte> destination, out int written)
    {
        written = hex.Length / 2;
        for (int i = 0; i < written; i++)
        {
            int high = HexValue(hex[2 * i]), low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    // UTF-16 text: a byte order mark, or ASCII with every other byte zero. Returns the ASCII bytes (zero them after use).
    private static bool TryUtf16ToAscii(ReadOnlySpan<byte> bytes, out byte[] ascii, out string? encoding)
    {
        ascii = [];
        encoding = null;
        bool? littleEndian = null;
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            bytes = bytes.Slice(2);
            littleEndian = true;
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            bytes = bytes.Slice(2);
            littleEndian = false;
        }

        if (bytes.Length < 8 || bytes.Length % 2 != 0 || bytes.Length > MaxDecodedLength * 4)
        {
            return false;
        }

        littleEndian ??= bytes[1] == 0 ? true : bytes[0] == 0 ? false : null;
        if (littleEndian is null)
        {
            return false;
        }

        int zero = littleEndian.Value ? 1 : 0;
        byte[] result = new byte[bytes.Length / 2];
        for (int i = 0; i < result.Length; i++)
        {
            byte c = bytes[(2 * i) + 1 - zero];
            if (bytes[(2 * i) + zero] != 0 || c == 0 || c >= 0x80)
            {
                CryptographicOperations.ZeroMemory(result);
                return false;
            }

            result[i] = c;
        }

        ascii = result;
        encoding = littleEndian.Value ? "UTF-16LE" : "UTF-16BE";
        return true;
    }

    // One DER SEQUENCE followed by nothing but line breaks, blanks or NULs, holding a whole key structure.
    private static string? DescribeDer(ReadOnlySpan<byte> der)
    {
        if (der.Length < 16 || der[0] != 0x30)
        {
            return null;
        }

        byte[] copy = der.ToArray();
        try
        {
            var reader = new AsnReader(copy, AsnEncodingRules.DER);
            ReadOnlyMemory<byte> value = reader.ReadEncodedValue();
            if (der.Slice(value.Length).IndexOfAnyExcept(" \t\r\n\0"u8) >= 0 || der.Length - value.Length > 16)
            {
                return null;
            }

            string? what = Classify(new AsnReader(value, AsnEncodingRules.DER).ReadSequence());
            return what is null ? null : what + (value.Length < der.Length ? " with trailing bytes" : string.Empty);
        }
        catch (AsnContentException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    private static string? Classify(AsnReader sequence)
    {
        AsnReader probe = sequence.Clone();
        Asn1Tag first = probe.PeekTag();
        if (first == Asn1Tag.Sequence)
        {
            // SubjectPublicKeyInfo { AlgorithmIdentifier, BIT STRING } or Certificate { TBSCertificate, AlgorithmIdentifier, BIT STRING }.
            AsnReader inner = probe.ReadSequence();
            if (inner.PeekTag() == Asn1Tag.ObjectIdentifier)
            {
                string oid = inner.ReadObjectIdentifier();
                _ = probe.ReadBitString(out _);
                return !probe.HasData && IsKeyAlgorithm(oid) ? "a DER public key (SubjectPublicKeyInfo)" : null;
            }

            _ = probe.ReadSequence();
            _ = probe.ReadBitString(out _);
            return !probe.HasData ? "a DER X.509 certificate" : null;
        }

        if (first != Asn1Tag.Integer)
        {
            return null;
        }

        // PKCS#1 RSAPublicKey { n, e }, RSAPrivateKey { 0, n, e, d, p, q, dp, dq, qi }, PKCS#8 { 0, AlgorithmIdentifier, OCTET STRING, … }
        // or SEC1 ECPrivateKey { 1, OCTET STRING, [0] …, [1] … }.
        ReadOnlyMemory<byte> version = probe.ReadIntegerBytes();
        if (probe.HasData && probe.PeekTag() == Asn1Tag.Sequence)
        {
            AsnReader algorithm = probe.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            _ = probe.ReadOctetString();
            return IsKeyAlgorithm(oid) ? "a DER private key (PKCS#8)" : null;
        }

        if (probe.HasData && probe.PeekTag() == Asn1Tag.PrimitiveOctetString)
        {
            _ = probe.ReadOctetString();
            return version.Length == 1 && version.Span[0] == 1 ? "a DER EC private key (SEC1)" : null;
        }

        int count = 1, largest = version.Length;
        while (probe.HasData)
        {
            largest = Math.Max(largest, probe.ReadIntegerBytes().Length);
            count++;
        }

        return largest < 32 ? null
            : count == 2 ? "a DER RSA public key (PKCS#1)"
            : count == 9 ? "a DER RSA private key (PKCS#1)"
            : null;
    }

    // rsaEncryption, RSASSA-PSS, id-ecPublicKey, id-dsa, Ed25519, Ed448, X25519, X448.
    private static bool IsKeyAlgorithm(string oid) => oid is "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10" or "1.2.840.10045.2.1"
        or "1.2.840.10040.4.1" or "1.3.101.112" or "1.3.101.113" or "1.3.101.110" or "1.3.101.111";

    private static string Ascii(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            chars[i] = text[i] is >= 0x20 and < 0x7F ? (char)text[i] : '?';
        }

        return new string(chars);
    }
}
