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

/// <summary>Compares a claim value as written (CLR) with the JSON read back, by JSON semantics.</summary>
internal static class JsonModel
{
    public static void AssertEqual(object? expected, JsonElement actual, string path)
    {
        bool equal = expected switch
        {
            null => actual.ValueKind == JsonValueKind.Null,
            string s => actual.ValueKind == JsonValueKind.String && actual.GetString() == s,
            bool b => actual.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False),
            int i => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt32(out int n) && n == i,
            long l => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt64(out long n) && n == l,
            ulong u => actual.ValueKind == JsonValueKind.Number && actual.TryGetUInt64(out ulong n) && n == u,
            double d => actual.ValueKind == JsonValueKind.Number && actual.TryGetDouble(out double n) && n.Equals(d),
            float f => actual.ValueKind == JsonValueKind.Number && actual.TryGetSingle(out float n) && n.Equals(f),
            decimal m => actual.ValueKind == JsonValueKind.Number && actual.TryGetDecimal(out decimal n) && n == m,
            Guid g => actual.ValueKind == JsonValueKind.String && actual.GetString() == g.ToString("D", CultureInfo.InvariantCulture),
            DateTimeOffset t => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt64(out long n) && n == t.ToUnixTimeSeconds(),
            KeyValuePair<string, object?>[] members => ObjectEquals(members, actual, path),
            object?[] items => ArrayEquals(items, actual, path),
            _ => throw new InvalidOperationException("No model for " + expected.GetType()),
        };
        Assert.True(equal, path + ": expected " + Show(expected) + ", read " + actual.GetRawText());
    }

    private static bool ObjectEquals(KeyValuePair<string, object?>[] members, JsonElement actual, string path)
    {
        if (actual.ValueKind != JsonValueKind.Object || actual.EnumerateObject().Count() != members.Length)
        {
            return false;
        }

        foreach (KeyValuePair<string, object?> member in members)
        {
            Assert.True(actual.TryGetProperty(member.Key, out JsonElement value), path + ": missing " + PropertyTests.Show(member.Key));
            AssertEqual(member.Value, value, path + "." + PropertyTests.Show(member.Key));
        }

        return true;
    }

    private static bool ArrayEquals(object?[] items, JsonElement actual, string path)
    {
        if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != items.Length)
        {
            return false;
        }

        for (int i = 0; i < items.Length; i++)
        {
            AssertEqual(items[i], actual[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return true;
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => PropertyTests.Show(s),
        bool b => b ? "true" : "false",
        double d => "double " + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "float " + f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.GetType().Name + " " + f.ToString(null, CultureInfo.InvariantCulture),
        KeyValuePair<string, object?>[] members => "{" + string.Join(", ", members.Select(m => PropertyTests.Show(m.Key) + ": " + Show(m.Value))) + "}",
        object?[] items => "[" + string.Join(", ", items.Select(Show)) + "]",
        _ => value.GetType().Name + " " + value,
    };
}
