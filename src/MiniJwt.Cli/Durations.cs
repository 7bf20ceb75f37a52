using System;
using System.Globalization;

namespace MiniJwt.Cli;

/// <summary>Reads durations such as <c>3600</c> (seconds), <c>30s</c>, <c>30m</c>, <c>1h</c>, <c>2d</c>; a leading <c>-</c> is allowed.</summary>
internal static class Durations
{
    private const long MaxSeconds = 100L * 365 * 24 * 3600;

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> span = text.AsSpan();
        long unit = 1;
        if (span.EndsWith("min", StringComparison.Ordinal))
        {
            unit = 60;
            span = span[..^3];
        }
        else if (span.Length > 0 && char.IsAsciiLetter(span[^1]))
        {
            unit = span[^1] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                _ => 0,
            };
            span = span[..^1];
        }

        if (unit == 0 || span.IsEmpty || span[0] == '+'
            || !long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count)
            || count > MaxSeconds / unit || count < -MaxSeconds / unit)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(count * unit);
        return true;
    }
}
