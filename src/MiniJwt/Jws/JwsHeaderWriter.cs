using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// Writes protected headers: <c>{"alg":…,"kid":…,"typ":…}</c>, compact, members in that (sorted) order, and keeps
/// the two every key uses (with <c>typ</c> <c>JWT</c>, and without <c>typ</c>) in the key's cache slots.
/// </summary>
internal static class JwsHeaderWriter
{
    /// <summary>The <c>typ</c> of a JWT (RFC 7519 §5.1): the one place this literal is written.</summary>
    internal const string JwtType = "JWT";

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Returns the Base64Url form of the header; a null <paramref name="type"/> writes no <c>typ</c>.</summary>
    public static byte[] WriteEncoded(JwtAlgorithm algorithm, string? keyId, string? type)
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

            if (type is not null)
            {
                writer.WriteString("typ"u8, type);
            }

            writer.WriteEndObject();
        }

        return JwtBase64Url.EncodeToUtf8(buffer.WrittenSpan);
    }

    /// <summary>The key's encoded header with <c>typ</c> <c>JWT</c>, written on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte[] JwtHeaderOf(JwtKey key) => key.EncodedJwtHeader ?? FillJwtHeader(key);

    /// <summary>The key's encoded header without <c>typ</c>, written on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte[] BareHeaderOf(JwtKey key) => key.EncodedBareHeader ?? FillBareHeader(key);

    /// <summary>The encoded header for a signing call: the key's cached one for <c>JWT</c> or no <c>typ</c>, else a new one.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    public static ReadOnlySpan<byte> For(JwtKey key, string? type)
    {
        if (type is null)
        {
            return BareHeaderOf(key);
        }

        if (type == JwtType)
        {
            return JwtHeaderOf(key);
        }

        if (type.Length == 0)
        {
            ThrowHelper.ThrowArgument("The type must not be empty; pass null to write no 'typ'.", nameof(type));
        }

        Utf16Text.CheckWellFormed(type, "The type", nameof(type));
        return WriteEncoded(key.Algorithm, key.KeyId, type);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] FillJwtHeader(JwtKey key) => key.EncodedJwtHeader = WriteEncoded(key.Algorithm, key.KeyId, JwtType);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] FillBareHeader(JwtKey key) => key.EncodedBareHeader = WriteEncoded(key.Algorithm, key.KeyId, null);
}
