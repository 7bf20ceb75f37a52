using System;
using System.Collections.Generic;
using System.Globalization;

namespace MiniJwt.Strategy;

/// <summary>
/// Writes the strategy's claims set, <c>{"sub":…,"aud":[…],"exp":…}</c>, exactly as fastapi-users' <c>generate_jwt</c>
/// does through Python's <c>json.dumps(separators=(",", ":"))</c>: members in that order, no spaces, and every
/// character outside printable ASCII escaped as lower-case <c>\uXXXX</c> (<c>ensure_ascii</c>). So the token is the
/// same byte for byte, whatever characters the identifier or the audiences hold.
/// </summary>
internal static class StrategyPayload
{
    /// <summary>Returns <c>,"aud":[…]</c> for the audiences, written once per strategy.</summary>
    public static byte[] WriteAudienceMember(IReadOnlyList<string> audiences)
    {
        int length = 9; // ,"aud":[]
        for (int i = 0; i < audiences.Count; i++)
        {
            length += GetStringLength(audiences[i]) + (i == 0 ? 0 : 1);
        }

        byte[] member = new byte[length];
        int at = Copy(",\"aud\":["u8, member, 0);
        for (int i = 0; i < audiences.Count; i++)
        {
            if (i != 0)
            {
                member[at++] = (byte)',';
            }

            at += WriteString(audiences[i], member.AsSpan(at));
        }

        member[at] = (byte)']';
        return member;
    }

    /// <summary>
    /// Signs the claims set for <paramref name="subject"/>; <paramref name="expires"/> is omitted when null.
    /// <paramref name="moreMembers"/> (such as <c>,"iat":…,"jti":"…"</c>, written by the caller) goes last, before the <c>}</c>.
    /// </summary>
    public static string Sign(string subject, byte[] audienceMember, long? expires, JwtKey key, ReadOnlySpan<byte> moreMembers = default)
    {
        int length = 7 + GetStringLength(subject) + audienceMember.Length + moreMembers.Length + 1; // {"sub": … }
        Span<byte> digits = stackalloc byte[20];
        int digitCount = 0;
        if (expires is long exp)
        {
            exp.TryFormat(digits, out digitCount, default, CultureInfo.InvariantCulture);
            length += 7 + digitCount; // ,"exp":
        }

        using PooledBuffer payload = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        int at = Copy("{\"sub\":"u8, payload.Span, 0);
        at += WriteString(subject, payload.Span.Slice(at));
        at = Copy(audienceMember, payload.Span, at);
        if (expires is not null)
        {
            at = Copy(",\"exp\":"u8, payload.Span, at);
            at = Copy(digits.Slice(0, digitCount), payload.Span, at);
        }

        at = Copy(moreMembers, payload.Span, at);
        payload.Span[at++] = (byte)'}';
        return Jwt.Encode(payload.Span.Slice(0, at), key);
    }

    // The escaped length in bytes, quotes included: printable ASCII is one byte, a short escape two, \uXXXX six.
    private static int GetStringLength(string value)
    {
        int length = 2;
        foreach (char c in value)
        {
            length += c switch
            {
                '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' => 2,
                >= ' ' and <= '~' => 1,
                _ => 6,
            };
        }

        return length;
    }

    private static int WriteString(string value, Span<byte> destination)
    {
        int at = 0;
        destination[at++] = (byte)'"';
        foreach (char c in value)
        {
            char shortEscape = c switch
            {
                '"' => '"',
                '\\' => '\\',
                '\b' => 'b',
                '\f' => 'f',
                '\n' => 'n',
                '\r' => 'r',
                '\t' => 't',
                _ => '\0',
            };

            if (shortEscape != '\0')
            {
                destination[at++] = (byte)'\\';
                destination[at++] = (byte)shortEscape;
            }
            else if (c is >= ' ' and <= '~')
            {
                destination[at++] = (byte)c;
            }
            else
            {
                // Python writes \u followed by four lower-case hex digits (astral characters as their two surrogates).
                destination[at++] = (byte)'\\';
                destination[at++] = (byte)'u';
                ((int)c).TryFormat(destination.Slice(at, 4), out _, "x4", CultureInfo.InvariantCulture);
                at += 4;
            }
        }

        destination[at++] = (byte)'"';
        return at;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination, int at)
    {
        source.CopyTo(destination.Slice(at));
        return at + source.Length;
    }
}
