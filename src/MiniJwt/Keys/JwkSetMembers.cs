using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// The <c>keys</c> member of a JWK Set (RFC 7517 §5), seen by <see cref="StrictJson.ReadObject{TVisitor}"/>: where each
/// member object lies in the input, to be read by <see cref="JwkReader"/> on its own. Other members are ignored.
/// </summary>
internal struct JwkSetMembers : IJsonMemberVisitor
{
    public List<Range>? Keys;
    public string? Error;

    public void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (!name.SequenceEqual("keys"u8))
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error ??= "The JWK Set's 'keys' is not an array.";
            return;
        }

        var keys = new List<Range>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Error ??= "A member of the JWK Set's 'keys' is not a JSON object.";
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                continue;
            }

            int start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            keys.Add(new Range(start, checked((int)reader.BytesConsumed)));
        }

        Keys = keys;
    }
}
