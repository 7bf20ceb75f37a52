using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MiniJwt;

/// <summary>Writes claim values of the supported CLR types as compact JSON, without reflection.</summary>
internal static class JsonClaimWriter
{
    private const int MaxDepth = 64;

    public static byte[] ToJson(IEnumerable<KeyValuePair<string, object?>> claims) => ToJson(claims, out _);

    /// <summary>
    /// Writes the claims as compact JSON. <paramref name="wellFormed"/> tells whether the text is one strict JSON object
    /// by construction, so that the encoder's JSON gate need not read it again: every object written came from a
    /// <see cref="JwtClaims"/> or a <see cref="Dictionary{TKey, TValue}"/> with an ordinal comparer (unique names, read at
    /// write time, so a list of pairs changed after <see cref="JwtClaims.Add"/> is still caught), no
    /// <see cref="JsonElement"/> was copied in as it is (it may repeat a name), and every string was checked well-formed
    /// as it was written. Otherwise the gate reads the text.
    /// </summary>
    public static byte[] ToJson(IEnumerable<KeyValuePair<string, object?>> claims, out bool wellFormed)
    {
        using Scratch scratch = Scratch.Rent();
        return scratch.Write(claims, out wellFormed).ToArray();
    }

    /// <summary>
    /// Writes the claims as compact JSON into this thread's scratch buffer and hands the text to <paramref name="use"/>
    /// (valid only during the call); <c>wellFormed</c> as in <see cref="ToJson(IEnumerable{KeyValuePair{string, object}}, out bool)"/>.
    /// </summary>
    public static TResult WithJson<TState, TResult>(
        IEnumerable<KeyValuePair<string, object?>> claims, TState state, JsonUser<TState, TResult> use)
    {
        using Scratch scratch = Scratch.Rent();
        ReadOnlySpan<byte> json = scratch.Write(claims, out bool wellFormed);
        return use(json, wellFormed, state);
    }

    /// <summary>What <see cref="WithJson"/> calls with the written text.</summary>
    public delegate TResult JsonUser<TState, TResult>(ReadOnlySpan<byte> json, bool wellFormed, TState state);

    /// <summary>
    /// A buffer and a writer kept per thread, so that writing claims allocates only the result. Taken out of the thread's
    /// slot while in use, so a nested use (an enumerator that encodes) gets its own; disposing clears what was written and puts
    /// it back, unless its buffer grew past <see cref="KeepLimit"/>. The writer holds only managed memory, so a kept one lives as
    /// long as its thread.
    /// </summary>
    private sealed class Scratch : IDisposable
    {
        private const int KeepLimit = 64 * 1024;

        [ThreadStatic]
        private static Scratch? t_cached;

        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        private Scratch() => _writer = new Utf8JsonWriter(_buffer, JwsHeaderWriter.WriterOptions);

        public static Scratch Rent()
        {
            Scratch? scratch = t_cached;
            t_cached = null;
            return scratch ?? new Scratch();
        }

        public ReadOnlySpan<byte> Write(IEnumerable<KeyValuePair<string, object?>> claims, out bool wellFormed)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            wellFormed = true;
            WriteValue(_writer, claims, 0, nameof(claims), ref wellFormed);
            _writer.Flush();
            return _buffer.WrittenSpan;
        }

        // Back to this thread's slot, or released when the buffer grew past what is worth keeping. What was written is
        // cleared first, the bytes the writer had not yet committed too (a write that failed half-way leaves some), so no
        // claims stay in the kept buffer; arrays it outgrew are left to the collector, as every other copy of the claims is.
        public void Dispose()
        {
            if (_buffer.Capacity <= KeepLimit)
            {
                int used = _buffer.WrittenCount + _writer.BytesPending;
                _buffer.ResetWrittenCount();
                _buffer.GetSpan(used).Slice(0, used).Clear();
                _writer.Reset(_buffer);
                t_cached = this;
            }
            else
            {
                _writer.Dispose();
            }
        }
    }

    // Objects whose member names are unique by construction: a JwtClaims (sealed), or exactly a Dictionary with an ordinal
    // comparer. A type derived from Dictionary may re-implement the enumeration and repeat a name, so its text is read.
    private static bool HasUniqueNames(IEnumerable<KeyValuePair<string, object?>> members) =>
        members is JwtClaims
        || (members.GetType() == typeof(Dictionary<string, object?>)
            && ((Dictionary<string, object?>)members).Comparer is var comparer
            && (ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal)));

    // What UTF-8 cannot carry is refused, never replaced: "x\uD800" and "x\uDFFF" must not give one token.
    private static void CheckText(string value, string paramName) =>
        Utf16Text.CheckWellFormed(value, "A claim name or string value", paramName);

    // A JsonElement is written as it is; one whose text cannot be written (a string escaping a lone surrogate, which
    // it can only hold unread) is refused as an argument, never left to escape as another exception.
    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, string paramName)
    {
        try
        {
            element.WriteTo(writer);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("A JsonElement claim value holds text UTF-8 cannot carry (such as an escaped lone surrogate).", paramName, e);
        }
    }

    public static void CheckSupported(object? value, string paramName, int depth)
    {
        if (depth > MaxDepth)
        {
            ThrowHelper.ThrowArgument("The claim value is nested deeper than " + MaxDepth + " levels.", paramName);
        }

        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Undefined }:
                ThrowHelper.ThrowArgument("A default JsonElement holds no value.", paramName);
                return;
            case string s:
                CheckText(s, paramName);
                return;
            case null or bool or byte or sbyte or short or ushort or int or uint or long or ulong
                or decimal or DateTimeOffset or DateTime or Guid or JsonElement:
                return;
            case float f when float.IsFinite(f):
                return;
            case double d when double.IsFinite(d):
                return;
            case float or double:
                ThrowHelper.ThrowArgument("JSON has no NaN or infinity.", paramName);
                return;
            case IEnumerable<KeyValuePair<string, object?>> members:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, object?> member in members)
                {
                    if (member.Key is null || !seen.Add(member.Key))
                    {
                        ThrowHelper.ThrowArgument("A nested object has a null or repeated member name.", paramName);
                    }

                    CheckText(member.Key, paramName);

                    CheckSupported(member.Value, paramName, depth + 1);
                }

                return;
            case IEnumerable items:
                foreach (object? item in items)
                {
                    CheckSupported(item, paramName, depth + 1);
                }

                return;
            default:
                ThrowHelper.ThrowArgument(
                    "Claim values of type " + value.GetType().Name + " are not supported; give JSON through a JsonElement, or encode a typed payload with a JsonTypeInfo.",
                    paramName);
                return;
        }
    }

    // Unsupported values (and NaN, infinities, a default JsonElement) fall to CheckSupported, which says why.
    // Repeated names are left to the JSON gate the encoder runs on the result.
    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth, string paramName, ref bool wellFormed)
    {
        if (depth > MaxDepth)
        {
            ThrowHelper.ThrowArgument("The claim value is nested deeper than " + MaxDepth + " levels.", paramName);
        }

        switch (value)
        {
            // The usual claim types first: each case is one type test, and the interface tests below cost the most.
            case null: writer.WriteNullValue(); break;
            case string s: CheckText(s, paramName); writer.WriteStringValue(s); break;
            case long n: writer.WriteNumberValue(n); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int n: writer.WriteNumberValue(n); break;
            case byte n: writer.WriteNumberValue(n); break;
            case sbyte n: writer.WriteNumberValue(n); break;
            case short n: writer.WriteNumberValue(n); break;
            case ushort n: writer.WriteNumberValue(n); break;
            case uint n: writer.WriteNumberValue(n); break;
            case ulong n: writer.WriteNumberValue(n); break;
            case float n when float.IsFinite(n): writer.WriteNumberValue(n); break;
            case double n when double.IsFinite(n): writer.WriteNumberValue(n); break;
            case decimal n: writer.WriteNumberValue(n); break;
            case DateTimeOffset t: writer.WriteNumberValue(t.ToUnixTimeSeconds()); break;
            case DateTime t: writer.WriteNumberValue(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()).ToUnixTimeSeconds()); break;
            case Guid g: writer.WriteStringValue(g.ToString("D", CultureInfo.InvariantCulture)); break;
            case JsonElement e when e.ValueKind != JsonValueKind.Undefined: wellFormed = false; WriteElement(writer, e, paramName); break;

            // The collections claims are usually built of, read without an interface enumerator (no allocation, no
            // interface calls). Only the exact types: a derived one may re-implement its enumeration, which the general
            // cases below then follow as before.
            case JwtClaims claims:
                writer.WriteStartObject();
                List<KeyValuePair<string, object?>> claimList = claims.Items;
                List<JsonEncodedText> names = claims.EncodedNames;
                for (int i = 0; i < claimList.Count; i++)
                {
                    writer.WritePropertyName(names[i]);
                    WriteValue(writer, claimList[i].Value, depth + 1, paramName, ref wellFormed);
                }

                writer.WriteEndObject();
                break;
            case Dictionary<string, object?> map when map.GetType() == typeof(Dictionary<string, object?>):
                wellFormed &= HasUniqueNames(map);
                WriteMembers(writer, map.GetEnumerator(), depth, paramName, ref wellFormed);
                break;
            case List<object?> list when list.GetType() == typeof(List<object?>):
                WriteItems(writer, list, depth, paramName, ref wellFormed);
                break;
            case List<string> strings when strings.GetType() == typeof(List<string>):
                WriteItems(writer, strings, depth, paramName, ref wellFormed);
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                wellFormed &= HasUniqueNames(members);
                WriteMembers(writer, members.GetEnumerator(), depth, paramName, ref wellFormed);
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    WriteValue(writer, item, depth + 1, paramName, ref wellFormed);
                }

                writer.WriteEndArray();
                break;
            default:
                CheckSupported(value, paramName, depth);
                break;
        }
    }

    // An object's members through its enumerator: a Dictionary's struct enumerator is called directly, with nothing allocated.
    private static void WriteMembers<TEnumerator>(Utf8JsonWriter writer, TEnumerator members, int depth, string paramName, ref bool wellFormed)
        where TEnumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        try
        {
            writer.WriteStartObject();
            while (members.MoveNext())
            {
                KeyValuePair<string, object?> member = members.Current;
                if (member.Key is null)
                {
                    ThrowHelper.ThrowArgument("A claim name is null.", paramName);
                }

                CheckText(member.Key, paramName);
                writer.WritePropertyName(member.Key);
                WriteValue(writer, member.Value, depth + 1, paramName, ref wellFormed);
            }

            writer.WriteEndObject();
        }
        finally
        {
            members.Dispose();
        }
    }

    // An array held in a List, read by index.
    private static void WriteItems<T>(Utf8JsonWriter writer, List<T> items, int depth, string paramName, ref bool wellFormed)
    {
        writer.WriteStartArray();
        for (int i = 0; i < items.Count; i++)
        {
            WriteValue(writer, items[i], depth + 1, paramName, ref wellFormed);
        }

        writer.WriteEndArray();
    }
}
