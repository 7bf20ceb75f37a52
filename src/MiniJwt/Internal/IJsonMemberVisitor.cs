using System;
using System.Text.Json;

namespace MiniJwt;

/// <summary>Sees each top-level member of an object that <see cref="StrictJson.ReadObject{TVisitor}"/> reads.</summary>
internal interface IJsonMemberVisitor
{
    /// <summary>
    /// Called with the reader on the member's value. It may read into the value, but must leave the reader on the
    /// value's last token (the reader then skips what is left of it).
    /// </summary>
    void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader);
}
