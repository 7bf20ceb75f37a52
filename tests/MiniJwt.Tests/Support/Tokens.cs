using System;
using System.Text;

namespace MiniJwt.Tests.Support;

/// <summary>
/// Builds tokens from hand-written header and payload text, signed with the key's internal signer over the
/// exact ASCII signing input, so that the signature is valid and only the defect under test remains.
/// </summary>
internal static class Tokens
{
    /// <summary>Base64Url (no padding) of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string B64(string text) => JwtBase64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>Base64Url (no padding) of <paramref name="bytes"/>.</summary>
    public static string B64(byte[] bytes) => JwtBase64Url.EncodeToString(bytes);

    /// <summary>Signs header and payload JSON written by hand.</summary>
    public static string Craft(JwtKey key, string headerJson, string payloadJson) =>
        CraftEncoded(key, B64(headerJson), B64(payloadJson));

    /// <summary>Signs header and payload given as raw bytes (for invalid UTF-8, BOM…).</summary>
    public static string Craft(JwtKey key, byte[] header, byte[] payload) =>
        CraftEncoded(key, B64(header), B64(payload));

    /// <summary>Signs the already encoded segments as they are (they need not be valid Base64Url).</summary>
    public static string CraftEncoded(JwtKey key, string encodedHeader, string encodedPayload)
    {
        string input = encodedHeader + "." + encodedPayload;
        return input + "." + SignatureOf(key, input);
    }

    /// <summary>The Base64Url signature of <paramref name="signingInput"/> with <paramref name="key"/>.</summary>
    public static string SignatureOf(JwtKey key, string signingInput)
    {
        byte[] signature = new byte[key.SignatureSize];
        int written = key.Sign(Encoding.ASCII.GetBytes(signingInput), signature);
        return JwtBase64Url.EncodeToString(signature.AsSpan(0, written));
    }

    /// <summary>An HS256 header with typ JWT, as MiniJwt writes it.</summary>
    public const string Hs256Header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    /// <summary>A payload whose exp is far in the future (year 2286).</summary>
    public const string FarFuturePayload = "{\"sub\":\"42\",\"exp\":9999999999}";

    /// <summary>
    /// Changes the first character of the signature segment: the signature stays canonical Base64Url of the
    /// right length (changing the last character could leave non-zero trailing bits instead).
    /// </summary>
    public static string TamperSignature(string token)
    {
        int start = token.LastIndexOf('.') + 1;
        char replacement = token[start] == 'A' ? 'B' : 'A';
        return token[..start] + replacement + token[(start + 1)..];
    }
}
