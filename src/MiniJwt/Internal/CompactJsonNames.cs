using System.Runtime.CompilerServices;

namespace MiniJwt;

/// <summary>
/// The names of one object <see cref="CompactJson"/> has seen so far, a slot each: the name's fingerprint in the high
/// 32 bits, the index where it starts in the low 32. Held inline on the stack, as many as <see cref="CompactJson.MaxMembers"/>.
/// </summary>
[InlineArray(CompactJson.MaxMembers)]
internal struct CompactJsonNames
{
    private ulong _slot;
}
