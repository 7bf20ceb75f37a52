using System;

namespace MiniJwt;

/// <summary>Checks text that is about to be written to a token as UTF-8.</summary>
internal static class Utf16Text
{
    /// <summary>
    /// <see langword="true"/> when <paramref name="value"/> has no unpaired surrogate, so it converts to UTF-8 and back
    /// unchanged (an unpaired one would silently become U+FFFD: two different texts, one token).
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<char> value)
    {
        // Most text has no surrogate at all: a vector search finds the first, and the pairs are checked from there.
        int first = value.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return true;
        }

        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="paramName"/> when <paramref name="value"/> has an unpaired surrogate.</summary>
    public static void CheckWellFormed(string? value, string what, string paramName)
    {
        if (value is not null && !IsWellFormed(value))
        {
            ThrowHelper.ThrowArgument(what + " holds an unpaired UTF-16 surrogate, which UTF-8 cannot carry.", paramName);
        }
    }
}
