using System;
using System.Globalization;

namespace MiniJwt.Cli;

/// <summary>Time claims for people: the UTC date and a relative time such as "expires in 59 min" or "expired 3 h ago".</summary>
internal static class TimeText
{
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Describes the claim <paramref name="name"/> at <paramref name="time"/> seen at <paramref name="now"/>.</summary>
    public static string Relative(string name, DateTimeOffset time, DateTimeOffset now)
    {
        TimeSpan delta = time - now;
        bool future = delta > TimeSpan.Zero;
        string span = Span(future ? delta : -delta);
        return name switch
        {
            "exp" => future ? "expires in " + span : "expired " + span + " ago",
            "nbf" => future ? "not valid for another " + span : "valid since " + span + " ago",
            "iat" => future ? "issued " + span + " in the future" : "issued " + span + " ago",
            _ => future ? "in " + span : span + " ago",
        };
    }

    private static string Span(TimeSpan span)
    {
        double seconds = Math.Floor(span.TotalSeconds);
        return seconds switch
        {
            < 60 => Format(seconds) + " s",
            < 3600 => Format(Math.Floor(seconds / 60)) + " min",
            < 2 * 86400 => Format(Math.Floor(seconds / 3600)) + " h",
            _ => Format(Math.Floor(seconds / 86400)) + " d",
        };
    }

    private static string Format(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
