using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiniJwt;

/// <summary>Writes protected headers: <c>{"alg":…,"kid":…,"typ":…}</c>, compact, members in that (sorted) order.</summary>
internal static class JwsHeaderWriter
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Returns the Base64Url form of the header; an empty <paramref name="type"/> writes no <c>typ</c>.</summary>
    public static byte[] WriteEncoded(JwtAlgorithm algorithm, string? keyId, ReadOnlySpan<byte> type)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, JwtAlgorithms.GetName(algorithm));
            if (keyId is not null)
            {
                writer.WriteString("kid"u8, keyId);
            }

            if (!type.IsEmpty)
            {
                writer.WriteString("typ"u8, type);
            }

            writer.WriteEndObject();
        }

        return JwtBase64Url.EncodeToUtf8(buffer.WrittenSpan);
    }

    /// <summary>The encoded header for a signing call: the key's cached one for <c>JWT</c> or no <c>typ</c>, else a new one.</summary>
    public static ReadOnlySpan<byte> For(JwtKey key, string? type)
    {
        if (type is null)
        {
            return key.EncodedBareHeader;
        }

        if (type == "JWT")
        {
            return key.EncodedJwtHeader;
        }

        if (type.Length == 0)
        {
            ThrowHelper.ThrowArgument("The type must not be empty; pass null to write no 'typ'.", nameof(type));
        }

        return WriteEncoded(key.Algorithm, key.KeyId, System.Text.Encoding.UTF8.GetBytes(type));
    }
}
