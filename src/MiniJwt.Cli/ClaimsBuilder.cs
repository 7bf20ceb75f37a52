using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary>
/// The payload <c>encode</c> signs, built from <c>--claims</c>, the claim options and <c>--claim</c>, in that
/// order. A claim given twice is a usage mistake naming both places.
/// </summary>
internal sealed class ClaimsBuilder
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    private readonly List<string> _names = [];
    private readonly List<string> _sources = [];
    private readonly List<string> _values = [];

    public int Count => _names.Count;

    /// <summary>Adds every member of a JSON object given by <paramref name="source"/>.</summary>
    public void AddObject(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException e)
        {
            throw new UsageException(source, "not a JSON object with unique member names: " + e.Message, e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException(source, "must be a JSON object, such as {\"sub\":\"42\",\"admin\":true}.");
            }

            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                AddRaw(property.Name, property.Value.GetRawText(), source);
            }
        }
    }

    /// <summary>Adds <c>name=value</c>: the value as JSON when it is JSON, otherwise as a string.</summary>
    public void AddAssignment(string assignment, string source)
    {
        int equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException(source, "'" + assignment + "' is not name=value (such as role=\"admin\" or admin=true).");
        }

        string name = assignment[..equals];
        string value = assignment[(equals + 1)..];
        try
        {
            using JsonDocument document = JsonDocument.Parse(value, Strict);
            AddRaw(name, document.RootElement.GetRawText(), source);
        }
        catch (JsonException)
        {
            AddString(name, value, source);
        }
    }

    public void AddString(string name, string value, string source) => AddRaw(name, JsonSerializerString(value), source);

    public void AddNumber(string name, long value, string source) =>
        AddRaw(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture), source);

    /// <summary>Adds one string, or an array when there are several (as <c>aud</c> allows).</summary>
    public void AddStrings(string name, IReadOnlyList<string> values, string source)
    {
        if (values.Count == 1)
        {
            AddString(name, values[0], source);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        AddRaw(name, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), source);
    }

    public bool Contains(string name) => _names.Contains(name);

    /// <summary>The payload as UTF-8 JSON, members in the order they were added.</summary>
    public byte[] ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (int i = 0; i < _names.Count; i++)
            {
                writer.WritePropertyName(_names[i]);
                writer.WriteRawValue(_values[i], skipInputValidation: false);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void AddRaw(string name, string json, string source)
    {
        int index = _names.IndexOf(name);
        if (index >= 0)
        {
            string other = _sources[index];
            throw new UsageException(source, "the claim '" + name + "' is given twice" + (other == source ? " by " + source : ", also by " + other) + ".");
        }

        _names.Add(name);
        _sources.Add(source);
        _values.Add(json);
    }

    private static string JsonSerializerString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
