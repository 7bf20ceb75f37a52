using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary>Writes the one JSON object of <c>--json</c> output, and indents JSON for people.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Show what the token holds as it is: no \u escapes for HTML-sensitive or non-ASCII characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>Writes one JSON object built by <paramref name="build"/> to <paramref name="output"/>.</summary>
    public static void WriteObject(TextWriter output, Action<Utf8JsonWriter> build)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            build(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes the JSON text <paramref name="json"/> (a JWK, a JWK Set) as the member <paramref name="name"/>.</summary>
    public static void WriteJson(Utf8JsonWriter writer, string name, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        writer.WritePropertyName(name);
        document.RootElement.WriteTo(writer);
    }

    /// <summary>Returns the JSON text <paramref name="json"/> indented.</summary>
    public static string Indent(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Indent(document.RootElement);
    }

    /// <summary>Returns <paramref name="element"/> indented.</summary>
    public static string Indent(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
