using System;
using System.Buffers;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// Skips a JSON value while checking what <see cref="Utf8JsonReader"/> leaves to the caller: escaped strings must
/// unescape to valid Unicode (no lone surrogate such as <c>"\uD800"</c>, which RFC 7493 forbids).
/// An invalid one throws <see cref="InvalidOperationException"/>, which the readers map to <see cref="JwtErrorCode.InvalidJson"/>.
/// </summary>
internal static class StrictJson
{
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            CheckEscapes(ref reader);
            return;
        }

        int depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            CheckEscapes(ref reader);
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
