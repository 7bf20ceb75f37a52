using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>
/// Where the JWS decode takes its verification key from: one key given by the caller, or a key set that chooses by the
/// header's <c>kid</c> and <c>alg</c>. The decode reads the header once and asks the chooser twice: for the fast header
/// check before decoding, and for the key (step 5) after the allow-list.
/// </summary>
internal interface IJwsKeyChooser
{
    /// <summary>
    /// The fast path: when <paramref name="encodedHeader"/> is byte for byte the header a known key writes (with <c>typ</c>
    /// <c>JWT</c> or none), the header it stands for, without decoding it.
    /// </summary>
    bool TryMatchHeader(ReadOnlySpan<byte> encodedHeader, out JwtHeader header);

    /// <summary>Step 5: the key for the header's <c>alg</c> (already allowed) and <c>kid</c>, or why there is none.</summary>
    bool TryChoose(in JwtHeader header, [NotNullWhen(true)] out JwtKey? key, out JwtError error);
}
