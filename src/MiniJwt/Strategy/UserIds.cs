using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiniJwt.Strategy;

/// <summary>
/// How user identifiers are written to <c>sub</c> and parsed back: ready parsers for
/// <see cref="IUserManager{TUser, TId}.TryParseId"/>, and the formatting the strategy uses.
/// </summary>
/// <remarks>
/// <para>The parsers accept only the canonical form that <see cref="Format{TId}(TId)"/> writes, which is also
/// what fastapi-users writes (<c>str(id)</c>): one identifier has one spelling in a token. They are stricter than
/// Python's <c>uuid.UUID()</c> and <c>int()</c>, which also take braces, <c>urn:uuid:</c>, missing or moved
/// hyphens, surrounding spaces, a <c>+</c> sign, <c>_</c> separators and non-ASCII digits. fastapi-users never writes
/// those forms, so tokens it writes are read unchanged.</para>
/// <para>Example: <c>public bool TryParseId(string value, out Guid id) =&gt; UserIds.TryParseGuid(value, out id);</c></para>
/// </remarks>
public static class UserIds
{
    /// <summary>
    /// Parses a UUID in the 36-character 8-4-4-4-12 form, such as <c>00000000-0123-4567-890a-bcdef1234591</c>.
    /// Hex digits may be of either case (fastapi-users writes lower case); nothing else is accepted.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <param name="id">The identifier, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a canonical UUID.</returns>
    public static bool TryParseGuid([NotNullWhen(true)] string? value, out Guid id)
    {
        id = default;
        if (value is null || value.Length != 36)
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool ok = i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiHexDigit(c);
            if (!ok)
            {
                return false;
            }
        }

        return Guid.TryParseExact(value, "D", out id);
    }

    /// <summary>
    /// Parses a decimal <see cref="int"/> in canonical form: <c>0</c>, or an optional <c>-</c> then ASCII digits
    /// without a leading zero. No <c>+</c>, spaces, separators or other digits.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <param name="id">The identifier, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a canonical integer in range.</returns>
    public static bool TryParseInt32([NotNullWhen(true)] string? value, out int id)
    {
        id = 0;
        return IsCanonicalInteger(value) && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Parses a decimal <see cref="long"/> in canonical form, as <see cref="TryParseInt32"/> does.</summary>
    /// <param name="value">The text.</param>
    /// <param name="id">The identifier, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a canonical integer in range.</returns>
    public static bool TryParseInt64([NotNullWhen(true)] string? value, out long id)
    {
        id = 0;
        return IsCanonicalInteger(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Takes a string identifier as it is; only the empty string is refused.</summary>
    /// <param name="value">The text.</param>
    /// <param name="id"><paramref name="value"/>, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is not null or empty.</returns>
    public static bool TryParseString([NotNullWhen(true)] string? value, [NotNullWhen(true)] out string? id)
    {
        id = string.IsNullOrEmpty(value) ? null : value;
        return id is not null;
    }

    /// <summary>
    /// Writes an identifier as the strategy puts it in <c>sub</c>, the same text as Python's <c>str(id)</c> for
    /// UUIDs, integers and strings: a <see cref="Guid"/> in lower-case 8-4-4-4-12 form, a number in invariant
    /// culture, a string as it is, and any other type through <see cref="IFormattable"/> (invariant culture) or
    /// <see cref="object.ToString"/>.
    /// </summary>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="id">The identifier.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> formats to null or an empty string.</exception>
    public static string Format<TId>(TId id)
    {
        string? text = id switch
        {
            null => throw new ArgumentNullException(nameof(id), "The user's identifier is null."),
            string s => s,
            Guid g => g.ToString("D", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => id.ToString(),
        };

        if (string.IsNullOrEmpty(text))
        {
            ThrowHelper.ThrowArgument("The user's identifier formats to an empty string; a token needs a subject.", nameof(id));
        }

        return text;
    }

    private static bool IsCanonicalInteger([NotNullWhen(true)] string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        int start = value[0] == '-' ? 1 : 0;
        if (start == value.Length || (value[start] == '0' && (value.Length > start + 1 || start == 1)))
        {
            return false; // "-", leading zeros and "-0" are not what ToString writes
        }

        for (int i = start; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
