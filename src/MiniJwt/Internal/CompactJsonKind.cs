namespace MiniJwt;

/// <summary>The values <see cref="CompactJson"/> reads; anything else sends the caller to the full reader.</summary>
internal enum CompactJsonKind
{
    /// <summary>A string of printable ASCII without escapes.</summary>
    String,

    /// <summary>An integer of at most 15 digits (so exact as a <see cref="double"/> too).</summary>
    Integer,

    /// <summary>Any other number (a fraction, an exponent, more digits): valid JSON whose value the fast path does not read.</summary>
    Number,

    /// <summary><c>true</c>.</summary>
    True,

    /// <summary><c>false</c>.</summary>
    False,

    /// <summary><c>null</c>.</summary>
    Null,

    /// <summary>An array (possibly empty) of such strings only.</summary>
    StringArray,

    /// <summary>An array of such strings, numbers and literals, not only strings.</summary>
    ScalarArray,

    /// <summary>An object, or an array holding an array or an object: checked, but never read by the fast path.</summary>
    Nested,
}
