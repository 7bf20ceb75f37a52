using System;
using System.CommandLine;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary><c>minijwt decode</c>: shows a token's header and payload WITHOUT verifying it, and which part is malformed.</summary>
internal static class DecodeCommand
{
    private const string NotVerified = "NOT VERIFIED: decoded without checking the signature or any claim.";

    public static Command Create(Terminal terminal)
    {
        Argument<string> token = new(TokenInput.Argument)
        {
            Description = "The token, or - to read it from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        Option<DateTimeOffset?> now = CliOptions.Now();
        var command = new Command("decode", "Show a token's header, payload and time claims WITHOUT verifying it; exit 1 names a malformed part.");
        command.Arguments.Add(token);
        command.Options.Add(now);
        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            string text = TokenInput.Read(parse.GetValue(token), Console.In);
            DateTimeOffset time = parse.GetValue(now) ?? DateTimeOffset.UtcNow;
            TokenParts parts = TokenParts.Read(text);
            if (parse.GetValue(CliOptions.Json))
            {
                WriteJson(terminal, parts, time);
            }
            else
            {
                WriteText(terminal, parts, time);
            }

            return parts.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }

    private static void WriteText(Terminal terminal, TokenParts parts, DateTimeOffset now)
    {
        terminal.Out.WriteLine(terminal.Paint(NotVerified, Style.Warning));
        if (parts.Header is { } header)
        {
            terminal.Out.WriteLine(terminal.Paint("header:", Style.Label));
            terminal.Out.WriteLine(JsonOutput.Indent(header));
        }

        if (parts.Payload is { } payload)
        {
            terminal.Out.WriteLine(terminal.Paint("payload:", Style.Label));
            terminal.Out.WriteLine(JsonOutput.Indent(payload));
            TimeClaims.WriteText(terminal, terminal.Out, toErr: false, payload, now);
        }

        if (parts.SignatureLength >= 0)
        {
            terminal.Out.WriteLine(terminal.Paint("signature:", Style.Label) + " " + parts.SignatureLength + " bytes");
        }

        foreach (string problem in parts.Problems)
        {
            terminal.Err.WriteLine(terminal.PaintErr("malformed:", Style.Bad) + " " + problem);
        }
    }

    private static void WriteJson(Terminal terminal, TokenParts parts, DateTimeOffset now) =>
        JsonOutput.WriteObject(terminal.Out, w =>
        {
            w.WriteBoolean("verified", false);
            w.WriteString("warning", NotVerified);
            WriteElement(w, "header", parts.Header);
            WriteElement(w, "payload", parts.Payload);
            if (parts.Payload is { } payload)
            {
                TimeClaims.WriteJson(w, payload, now);
            }

            if (parts.SignatureLength >= 0)
            {
                w.WriteNumber("signatureBytes", parts.SignatureLength);
            }

            w.WriteStartArray("malformed");
            foreach (string problem in parts.Problems)
            {
                w.WriteStringValue(problem);
            }

            w.WriteEndArray();
        });

    private static void WriteElement(Utf8JsonWriter writer, string name, JsonElement? element)
    {
        writer.WritePropertyName(name);
        if (element is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
