using System;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary>Shows the time claims of a payload (<c>exp</c>, <c>nbf</c>, <c>iat</c>) as UTC and relative to now.</summary>
internal static class TimeClaims
{
    private static readonly string[] Names = ["exp", "nbf", "iat"];

    public static bool TryGet(JsonElement payload, string name, out DateTimeOffset time)
    {
        time = default;
        if (payload.ValueKind == JsonValueKind.Object
            && payload.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out double seconds)
            && seconds is >= -62135596800 and <= 253402300799)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
            return true;
        }

        return false;
    }

    /// <summary>Writes one line per time claim, such as <c>exp  2026-11-30 15:39:26 UTC  (expires in 59 min)</c>.</summary>
    public static void WriteText(Terminal terminal, System.IO.TextWriter output, bool toErr, JsonElement payload, DateTimeOffset now)
    {
        foreach (string name in Names)
        {
            if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out _))
            {
                string label = toErr ? terminal.PaintErr(name + ":", Style.Label) : terminal.Paint(name + ":", Style.Label);
                string text = TryGet(payload, name, out DateTimeOffset time)
                    ? TimeText.Utc(time) + " (" + TimeText.Relative(name, time, now) + ")"
                    : "not a NumericDate (a number of seconds)";
                output.WriteLine(label + " " + text);
            }
        }
    }

    /// <summary>Writes <c>"times": { "exp": { "utc": …, "relative": … } }</c>.</summary>
    public static void WriteJson(Utf8JsonWriter writer, JsonElement payload, DateTimeOffset now)
    {
        writer.WriteStartObject("times");
        foreach (string name in Names)
        {
            if (TryGet(payload, name, out DateTimeOffset time))
            {
                writer.WriteStartObject(name);
                writer.WriteString("utc", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("relative", TimeText.Relative(name, time, now));
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
    }
}
