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
/// An independent model of step 7 for HS256 tokens with default options (optionally with one issuer and one
/// audience configured): built on JsonDocument, with the rules of the design written out one by one.
/// </summary>
internal static class ClaimsModel
{
    public const string Issuer = "i";
    public const string Audience = "a";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool Accepts(byte[] payload, string? issuer, string? audience)
    {
        if (!IsObjectWithUniqueNames(payload, JwsValidationOptions.DefaultMaxJsonDepth))
        {
            return false;
        }

        using JsonDocument document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = JwsValidationOptions.DefaultMaxJsonDepth });
        JsonElement root = document.RootElement;
        double now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!root.TryGetProperty("exp", out JsonElement exp) || !IsFiniteNumber(exp, out double expires) || now >= expires)
        {
            return false;
        }

        foreach (string name in (string[])["nbf", "iat"])
        {
            if (root.TryGetProperty(name, out JsonElement time) && (!IsFiniteNumber(time, out double seconds) || seconds > now))
            {
                return false;
            }
        }

        foreach (string name in (string[])["iss", "sub", "jti"])
        {
            if (root.TryGetProperty(name, out JsonElement text) && !IsReadableString(text))
            {
                return false;
            }
        }

        if (issuer is not null && (!root.TryGetProperty("iss", out JsonElement iss) || !StringEquals(iss, issuer)))
        {
            return false;
        }

        bool hasAudience = root.TryGetProperty("aud", out JsonElement aud);
        if (hasAudience && aud.ValueKind == JsonValueKind.String && !IsReadableString(aud))
        {
            return false;
        }

        if (hasAudience && aud.ValueKind != JsonValueKind.String
            && (aud.ValueKind != JsonValueKind.Array || aud.EnumerateArray().Any(e => !IsReadableString(e))))
        {
            return false;
        }

        if (audience is null)
        {
            return !hasAudience;
        }

        return hasAudience && (aud.ValueKind == JsonValueKind.String
            ? StringEquals(aud, audience)
            : aud.EnumerateArray().Any(e => StringEquals(e, audience)));
    }

    /// <summary>Strict UTF-8 without a byte order mark, one JSON object within the depth, top-level names valid and unique.</summary>
    public static bool IsObjectWithUniqueNames(byte[] payload, int maxDepth)
    {
        if (payload.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return false;
        }

        try
        {
            s_strictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (!AllTextReadable(document.RootElement))
            {
                return false; // a string or name escaping a lone surrogate is not text (RFC 7493 §2.1)
            }

            return NamesUniqueEverywhere(document.RootElement);
        }
    }

    // Every object, at every level, has unique names (the design asks it of nested objects too).
    private static bool NamesUniqueEverywhere(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().All(NamesUniqueEverywhere);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                return false; // a name that is not valid Unicode (an escaped lone surrogate)
            }

            if (!names.Add(name) || !NamesUniqueEverywhere(property.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllTextReadable(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(AllTextReadable);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(p => p.Name.Length >= 0 && AllTextReadable(p.Value));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsFiniteNumber(JsonElement element, out double value)
    {
        value = 0;
        // A NumericDate is a number within DateTimeOffset's range: 0001-01-01 up to, not including, 10000-01-01.
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value)
            && value >= -62135596800.0 && value < 253402300800.0;
    }

    /// <summary>A JSON string whose escapes are valid UTF-16, so that it reads as text.</summary>
    public static bool IsReadableString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool StringEquals(JsonElement element, string expected)
    {
        try
        {
            return element.GetString() == expected;
        }
        catch (InvalidOperationException)
        {
            return false; // not valid Unicode, so equal to no configured value
        }
    }
}
