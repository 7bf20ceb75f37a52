using System;
using System.Text.Json;

namespace MiniJwt;

/// <summary>A visitor that looks at nothing: the object is only checked.</summary>
internal struct NoMemberVisitor : IJsonMemberVisitor
{
    public readonly void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
    }
}
