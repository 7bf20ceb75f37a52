namespace MiniJwt;

/// <summary>One top-level member <see cref="CompactJson"/> found: where its name and value lie, and what the value is.</summary>
internal struct CompactJsonMember
{
    /// <summary>The first byte of the name, after its opening quote.</summary>
    public int NameStart;

    /// <summary>The length of the name in bytes (it has no escape, so this is also its unescaped length).</summary>
    public int NameLength;

    /// <summary>The first byte of the value: its opening quote, bracket, sign or digit.</summary>
    public int ValueStart;

    /// <summary>One past the last byte of the value: past its closing quote or bracket.</summary>
    public int ValueEnd;

    /// <summary>What the value is.</summary>
    public CompactJsonKind Kind;

    /// <summary>For <see cref="CompactJsonKind.Integer"/>: the value.</summary>
    public long Integer;
}
