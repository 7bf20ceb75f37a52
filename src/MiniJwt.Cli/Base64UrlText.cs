using System;

namespace MiniJwt.Cli;

/// <summary>Strict Base64Url for the segments <c>decode</c> shows: the URL alphabet, no padding, canonical final bits.</summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Decodes <paramref name="text"/>, or says why it is not strict Base64Url.</summary>
    public static bool TryDecode(string text, out byte[] bytes, out string problem)
    {
        bytes = [];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                problem = c == '='
                    ? "padding '=' at character " + (i + 1) + " (Base64Url has none)"
                    : "character " + (i + 1) + " is not of the Base64Url alphabet";
                return false;
            }
        }

        if (text.Length % 4 == 1)
        {
            problem = "a length of " + text.Length + " characters cannot be Base64Url";
            return false;
        }

        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            // The alphabet and the length are right: only the final character's unused bits can be wrong.
            problem = "not canonical Base64Url (its last character has stray bits)";
            return false;
        }

        if (!string.Equals(Encode(bytes), text, StringComparison.Ordinal))
        {
            problem = "not canonical Base64Url (its last character has stray bits)";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
