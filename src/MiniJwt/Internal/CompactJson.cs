using System;
using System.Buffers;

namespace MiniJwt;

/// <summary>
/// A fast path beside <see cref="StrictJson"/> for the payloads tokens usually carry: one compact, flat object
/// (no whitespace) of unique member names, whose values are strings of printable ASCII without escapes, integers of at
/// most 15 digits, <c>true</c>, <c>false</c>, <c>null</c>, or flat arrays of these. It only ever says "yes, and here
/// are the members" or "not sure": whatever it does not recognise (whitespace, escapes, non-ASCII, fractions and
/// exponents, nested objects or arrays, a repeated name, more members than it holds, anything invalid) sends the caller
/// to <see cref="StrictJson"/>, which decides and says why. So it accepts a subset of what <see cref="StrictJson"/>
/// accepts and refuses nothing itself: the strictness, and every error, stay <see cref="StrictJson"/>'s.
/// </summary>
internal static class CompactJson
{
    /// <summary>The most members one scan records; an object with more goes to the full reader.</summary>
    public const int MaxMembers = 12;

    // Printable ASCII except the quote and the backslash: the bytes of a string that needs no unescaping.
    private static readonly SearchValues<byte> s_plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>
    /// Scans <paramref name="json"/> when it is a compact flat object as described above, recording its members in
    /// order; <see langword="false"/> when it is not (or not surely), and the caller must read it with <see cref="StrictJson"/>.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="members">Receives the members; at most its length are recorded.</param>
    /// <param name="maxDepth">The depth the full reader would allow: an array needs 2.</param>
    /// <param name="count">The number of members recorded.</param>
    public static bool TryScan(ReadOnlySpan<byte> json, Span<CompactJsonMember> members, int maxDepth, out int count)
    {
        count = 0;
        int n = json.Length;
        if (n < 2 || json[0] != (byte)'{')
        {
            return false;
        }

        if (json[1] == (byte)'}')
        {
            return n == 2;
        }

        int i = 1;
        while (true)
        {
            if (count == members.Length || json[i] != (byte)'"')
            {
                return false;
            }

            int nameStart = i + 1;
            int nameEnd = ScanString(json, nameStart);
            if (nameEnd < 0 || nameEnd + 1 >= n || json[nameEnd + 1] != (byte)':')
            {
                return false;
            }

            ReadOnlySpan<byte> name = json.Slice(nameStart, nameEnd - nameStart);
            for (int j = 0; j < count; j++)
            {
                if (name.SequenceEqual(json.Slice(members[j].NameStart, members[j].NameLength)))
                {
                    return false;
                }
            }

            ref CompactJsonMember member = ref members[count];
            member.NameStart = nameStart;
            member.NameLength = name.Length;
            i = nameEnd + 2;
            member.ValueStart = i;
            if (!TryScanValue(json, ref i, maxDepth, out member.Kind, out member.Integer))
            {
                return false;
            }

            member.ValueEnd = i;
            count++;

            // i < n after any value: ScanValue stops only on a byte that may follow a value.
            byte next = json[i++];
            if (next == (byte)'}')
            {
                return i == n;
            }

            if (next != (byte)',' || i >= n)
            {
                return false;
            }
        }
    }

    // The index of the closing quote of a plain string whose characters start at start, or -1.
    private static int ScanString(ReadOnlySpan<byte> json, int start)
    {
        if (start >= json.Length)
        {
            return -1;
        }

        int length = json.Slice(start).IndexOfAnyExcept(s_plain);
        return length >= 0 && json[start + length] == (byte)'"' ? start + length : -1;
    }

    // One value at i (an array only when depth allows and not inside another); leaves i on the byte after it, which
    // exists: a value is never the last byte of an object.
    private static bool TryScanValue(ReadOnlySpan<byte> json, ref int i, int maxDepth, out CompactJsonKind kind, out long integer)
    {
        kind = default;
        integer = 0;
        int n = json.Length;
        switch (json[i])
        {
            case (byte)'"':
                int end = ScanString(json, i + 1);
                kind = CompactJsonKind.String;
                i = end + 1;
                return end > 0 && i < n;
            case (byte)'t':
                kind = CompactJsonKind.True;
                return ScanLiteral(json, ref i, "true"u8);
            case (byte)'f':
                kind = CompactJsonKind.False;
                return ScanLiteral(json, ref i, "false"u8);
            case (byte)'n':
                kind = CompactJsonKind.Null;
                return ScanLiteral(json, ref i, "null"u8);
            case (byte)'[':
                return maxDepth >= 2 && TryScanArray(json, ref i, out kind);
            default:
                kind = CompactJsonKind.Integer;
                return TryScanInteger(json, ref i, out integer);
        }
    }

    private static bool TryScanArray(ReadOnlySpan<byte> json, ref int i, out CompactJsonKind kind)
    {
        kind = CompactJsonKind.StringArray;
        int n = json.Length;
        i++;
        if (i < n && json[i] == (byte)']')
        {
            i++;
            return i < n;
        }

        while (i < n && json[i] != (byte)'[' && TryScanValue(json, ref i, maxDepth: 1, out CompactJsonKind item, out _))
        {
            if (item != CompactJsonKind.String)
            {
                kind = CompactJsonKind.ScalarArray;
            }

            byte next = json[i++];
            if (next == (byte)']')
            {
                return i < n;
            }

            if (next != (byte)',' || i >= n)
            {
                return false;
            }
        }

        return false;
    }

    private static bool ScanLiteral(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!json.Slice(i).StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return i < json.Length;
    }

    // -?(0|[1-9][0-9]{0,14}); a fraction or exponent leaves i on '.', 'e' or 'E', which the caller refuses as a separator.
    private static bool TryScanInteger(ReadOnlySpan<byte> json, ref int i, out long value)
    {
        value = 0;
        int n = json.Length;
        bool negative = json[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        int first = i;
        while (i < n && unchecked((uint)(json[i] - '0')) <= 9)
        {
            if (i - first == 15)
            {
                return false;
            }

            value = (value * 10) + (json[i] - '0');
            i++;
        }

        int digits = i - first;
        if (digits == 0 || (digits > 1 && json[first] == (byte)'0') || i >= n)
        {
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
