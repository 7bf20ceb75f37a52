using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary>
/// A token taken apart WITHOUT verification, for <c>decode</c>: the header and payload as JSON where they
/// are, and for each part that is malformed, which one and why.
/// </summary>
internal sealed class TokenParts
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    private readonly List<string> _problems = [];

    private TokenParts()
    {
    }

    /// <summary>The header, when it is a JSON object.</summary>
    public JsonElement? Header { get; private set; }

    /// <summary>The payload, when it is a JSON object.</summary>
    public JsonElement? Payload { get; private set; }

    /// <summary>The signature's length in bytes, or -1 when it could not be decoded.</summary>
    public int SignatureLength { get; private set; } = -1;

    /// <summary>What is malformed, each as "part: why".</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static TokenParts Read(string token)
    {
        var parts = new TokenParts();
        string[] segments = token.Split('.');
        if (segments.Length != 3)
        {
            parts._problems.Add(segments.Length == 5
                ? "token: 5 segments, an encrypted token (JWE), which MiniJwt does not read"
                : "token: " + segments.Length + " segment" + (segments.Length == 1 ? "" : "s") + " separated by dots; a signed JWT has 3");
            if (segments.Length < 2)
            {
                return parts;
            }
        }

        parts.Header = parts.ReadObject("header", segments[0]);
        parts.Payload = parts.ReadObject("payload", segments[1]);
        if (segments.Length == 3)
        {
            if (segments[2].Length == 0)
            {
                parts._problems.Add("signature: empty (an unsigned token)");
            }
            else if (Base64UrlText.TryDecode(segments[2], out byte[] signature, out string problem))
            {
                parts.SignatureLength = signature.Length;
            }
            else
            {
                parts._problems.Add("signature: " + problem);
            }
        }

        return parts;
    }

    private JsonElement? ReadObject(string part, string segment)
    {
        if (segment.Length == 0)
        {
            _problems.Add(part + ": empty");
            return null;
        }

        if (!Base64UrlText.TryDecode(segment, out byte[] bytes, out string problem))
        {
            _problems.Add(part + ": " + problem);
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes, StrictJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                _problems.Add(part + ": JSON, but not an object");
                return null;
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            _problems.Add(part + ": not a well-formed UTF-8 JSON object (" + FirstLine(e.Message) + ")");
            return null;
        }
        catch (ArgumentException e)
        {
            _problems.Add(part + ": not well-formed UTF-8 (" + FirstLine(e.Message) + ")");
            return null;
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
