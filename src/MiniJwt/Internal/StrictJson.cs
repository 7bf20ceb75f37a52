using System;
using System.Buffers;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// Skips a JSON value while checking what <see cref="Utf8JsonReader"/> leaves to the caller: member names unique at
/// every level, and escaped strings that unescape to valid Unicode (no lone surrogate such as <c>"\uD800"</c>, which RFC 7493 forbids).
/// An invalid one throws <see cref="InvalidOperationException"/>, which the readers map to <see cref="JwtErrorCode.InvalidJson"/>.
/// </summary>
internal static class StrictJson
{
    /// <summary>
    /// Skips the value the reader stands on, checking escapes and that every nested object has unique member
    /// names (RFC 7519 §4 asks it of the claims set; nested readers would otherwise see only one of two values).
    /// Returns <see langword="false"/> on a repeated name. Recursion is bounded by the reader's maximum depth.
    /// </summary>
    public static bool Skip(ref Utf8JsonReader reader)
    {
        bool unique = true;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                unique &= Skip(ref reader);
            }

            return unique;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            CheckEscapes(ref reader);
            return true;
        }

        var names = new JsonNameSet(stackalloc byte[64], stackalloc int[8]);
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                names.Add(in reader);
                reader.Read();
                unique &= Skip(ref reader);
            }

            return unique && !names.HasDuplicates();
        }
        finally
        {
            names.Dispose();
        }
    }

    public static void CheckEscapes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
        {
            return;
        }

        int length = reader.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            reader.CopyString(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
