using System;
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
    /// Reads one strict JSON object: strict UTF-8 without a byte order mark, the root an object, nesting within
    /// <paramref name="maxDepth"/>, member names unique at every level, escapes that unescape to valid Unicode, and
    /// nothing after the root. Calls <paramref name="visitor"/> once per top-level member, with the reader on its value.
    /// This is the one JSON gate of the header, the payload, and a payload given to encode.
    /// </summary>
    /// <returns><see cref="JwtErrorCode.None"/>, <see cref="JwtErrorCode.InvalidJson"/> or <see cref="JwtErrorCode.DuplicateMember"/>.</returns>
    public static JwtErrorCode ReadObject<TVisitor>(ReadOnlySpan<byte> json, int maxDepth, ref TVisitor visitor)
        where TVisitor : struct, IJsonMemberVisitor
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || !System.Text.Unicode.Utf8.IsValid(json))
        {
            return JwtErrorCode.InvalidJson;
        }

        var names = new JsonNameSet(stackalloc byte[Math.Min(json.Length, 512)], stackalloc int[16]);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JwtErrorCode.InvalidJson;
            }

            bool unique = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = names.Add(in reader);
                reader.Read();
                visitor.Visit(name, ref reader);
                unique &= Skip(ref reader);
            }

            // The reader throws on anything after the root object.
            reader.Read();
            return unique && !names.HasDuplicates() ? JwtErrorCode.None : JwtErrorCode.DuplicateMember;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name or string escapes a lone surrogate ("\uD800"), which cannot be unescaped.
            return JwtErrorCode.InvalidJson;
        }
        finally
        {
            names.Dispose();
        }
    }

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
        using PooledBuffer buffer = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        reader.CopyString(buffer.Span);
    }
}
