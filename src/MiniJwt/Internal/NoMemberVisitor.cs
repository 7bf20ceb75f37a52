using System;
using System.Text.Json;

namespace MiniJwt;

/// <summary>A visitor that looks at nothing, for either reader: the object is only checked.</summary>
internal struct NoMemberVisitor : IJsonMemberVisitor, ICompactJsonVisitor
{
    public readonly void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
    }

    public readonly bool Visit(ReadOnlySpan<byte> json, in CompactJsonMember member) => true;
}
