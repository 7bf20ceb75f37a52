using System;

namespace MiniJwt;

/// <summary>Sees each top-level member <see cref="CompactJson.TryScan{TVisitor}"/> finds, as it finds it.</summary>
internal interface ICompactJsonVisitor
{
    /// <summary>Looks at one member; <see langword="false"/> gives the object up to the full reader.</summary>
    /// <param name="json">The whole JSON text the member lies in.</param>
    /// <param name="member">Where the member's name and value lie, and what the value is.</param>
    bool Visit(ReadOnlySpan<byte> json, in CompactJsonMember member);
}
