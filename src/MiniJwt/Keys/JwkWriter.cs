using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// Writes a key as a JSON Web Key (RFC 7517): <c>kty</c>, <c>kid</c>, <c>use</c> (or <c>key_ops</c> when the key was
/// imported with a restriction), <c>alg</c>, then the key's values in the encodings RFC 7518 §6 requires (RSA integers
/// in minimal octets, EC coordinates in full size). Private values only when asked for.
/// </summary>
internal static class JwkWriter
{
    public static string Write(JwtKey key, bool includePrivate)
    {
        var buffer = new ArrayBufferWriter<byte>(InitialCapacity(key));
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteTo(writer, key, includePrivate);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            // Clear zeroes what was written (the private values included).
            buffer.Clear();
        }
    }

    internal static int InitialCapacity(JwtKey key) => 512 + (key.KeySizeInBits / 8 * 6);

    /// <summary>Writes one JWK object.</summary>
    /// <exception cref="InvalidOperationException">The key is an HMAC secret and <paramref name="includePrivate"/> is false.</exception>
    public static void WriteTo(Utf8JsonWriter writer, JwtKey key, bool includePrivate)
    {
        switch (key)
        {
            case HmacKey hmac:
                if (!includePrivate)
                {
                    throw new InvalidOperationException(
                        "An HMAC secret has no public form: its JWK is the secret itself. Pass includePrivate: true to write it, and never publish it.");
                }

                writer.WriteStartObject();
                writer.WriteString("kty"u8, "oct"u8);
                WriteCommon(writer, key, isPrivate: true);
                WriteBase64Url(writer, "k"u8, hmac.SecretBytes);
                writer.WriteEndObject();
                break;

            case RsaKey rsa:
                WriteRsa(writer, rsa, includePrivate && rsa.CanSign);
                break;

            case EcKey ec:
                WriteEc(writer, ec, includePrivate && ec.CanSign);
                break;

            default:
                throw new InvalidOperationException("This key type has no JWK form.");
        }
    }

    private static void WriteRsa(Utf8JsonWriter writer, RsaKey key, bool isPrivate)
    {
        RSAParameters p = key.Rsa.ExportParameters(isPrivate);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("kty"u8, "RSA"u8);
            WriteCommon(writer, key, isPrivate);
            WriteBase64Url(writer, "n"u8, Minimal(p.Modulus));
            WriteBase64Url(writer, "e"u8, Minimal(p.Exponent));
            if (isPrivate)
            {
                WriteBase64Url(writer, "d"u8, Minimal(p.D));
                WriteBase64Url(writer, "p"u8, Minimal(p.P));
                WriteBase64Url(writer, "q"u8, Minimal(p.Q));
                WriteBase64Url(writer, "dp"u8, Minimal(p.DP));
                WriteBase64Url(writer, "dq"u8, Minimal(p.DQ));
                WriteBase64Url(writer, "qi"u8, Minimal(p.InverseQ));
            }

            writer.WriteEndObject();
        }
        finally
        {
            JwtKey.ClearPrivate(p);
        }
    }

    private static void WriteEc(Utf8JsonWriter writer, EcKey key, bool isPrivate)
    {
        JwkCurve curve = JwkCurve.FromAlgorithm(key.Algorithm);
        ECParameters p = key.ECDsa.ExportParameters(isPrivate);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("kty"u8, "EC"u8);
            WriteCommon(writer, key, isPrivate);
            writer.WriteString("crv"u8, curve.Name);
            WriteBase64Url(writer, "x"u8, FullSize(p.Q.X, curve.Size));
            WriteBase64Url(writer, "y"u8, FullSize(p.Q.Y, curve.Size));
            if (isPrivate && p.D is not null)
            {
                byte[] d = FullSize(p.D, curve.Size);
                WriteBase64Url(writer, "d"u8, d);
                CryptographicOperations.ZeroMemory(d);
            }

            writer.WriteEndObject();
        }
        finally
        {
            if (p.D is not null)
            {
                CryptographicOperations.ZeroMemory(p.D);
            }
        }
    }

    // kid, then use "sig" (or the key_ops of a restricted private key), then alg.
    private static void WriteCommon(Utf8JsonWriter writer, JwtKey key, bool isPrivate)
    {
        if (key.KeyId is not null)
        {
            writer.WriteString("kid"u8, key.KeyId);
        }

        if (isPrivate && (key.JwkForbidsSign || key.JwkForbidsVerify))
        {
            writer.WriteStartArray("key_ops"u8);
            if (!key.JwkForbidsSign)
            {
                writer.WriteStringValue("sign"u8);
            }

            if (!key.JwkForbidsVerify)
            {
                writer.WriteStringValue("verify"u8);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("use"u8, "sig"u8);
        }

        writer.WriteString("alg"u8, JwtAlgorithms.GetName(key.Algorithm));
    }

    private static void WriteBase64Url(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        int length = JwtBase64Url.GetEncodedLength(value.Length);
        byte[]? rented = null;
        Span<byte> text = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            JwtBase64Url.EncodeCore(value, text);
            writer.WriteString(name, text.Slice(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The big-endian integer without leading zero octets (zero itself is one zero octet).</summary>
    internal static ReadOnlySpan<byte> Minimal(byte[]? value)
    {
        ReadOnlySpan<byte> span = value;
        int first = span.IndexOfAnyExcept((byte)0);
        return first < 0 ? (span.IsEmpty ? span : span.Slice(span.Length - 1)) : span.Slice(first);
    }

    /// <summary>The coordinate left-padded with zeros to the curve's size.</summary>
    internal static byte[] FullSize(byte[]? value, int size)
    {
        value ??= [];
        if (value.Length == size)
        {
            return value;
        }

        byte[] padded = new byte[size];
        value.AsSpan(Math.Max(0, value.Length - size)).CopyTo(padded.AsSpan(Math.Max(0, size - value.Length)));
        return padded;
    }
}
