using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using BclBase64Url = System.Buffers.Text.Base64Url;

namespace MiniJwt.Tests.Properties;

/// <summary>
/// A deliberately lenient Base64 decoder, as many libraries have: both alphabets, whitespace skipped, up to two
/// '=' at the end, and the bits after the last whole byte dropped. Returns null when even it cannot decode.
/// </summary>
internal static class LenientReference
{
    public static byte[]? Decode(string text)
    {
        string body = text.TrimEnd('=');
        if (text.Length - body.Length > 2)
        {
            return null;
        }

        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (char c in body)
        {
            int value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '-' or '+' => 62,
                '_' or '/' => 63,
                ' ' or '\t' or '\r' or '\n' => -1,
                _ => -2,
            };
            if (value == -2)
            {
                return null;
            }

            if (value == -1)
            {
                continue;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bits == 6 ? null : output.ToArray();
    }
}
