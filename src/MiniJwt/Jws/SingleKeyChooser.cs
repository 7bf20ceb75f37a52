using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>The one key the caller gave: it must be bound to the token's algorithm and allowed to verify.</summary>
internal readonly struct SingleKeyChooser : IJwsKeyChooser
{
    private readonly JwtKey _key;

    public SingleKeyChooser(JwtKey key) => _key = key;

    public bool TryMatchHeader(ReadOnlySpan<byte> encodedHeader, out JwtHeader header)
    {
        if (encodedHeader.SequenceEqual(JwsHeaderWriter.JwtHeaderOf(_key)))
        {
            header = new JwtHeader(_key.Algorithm, JwsHeaderWriter.JwtType, _key.KeyId, null);
            return true;
        }

        if (encodedHeader.SequenceEqual(JwsHeaderWriter.BareHeaderOf(_key)))
        {
            header = new JwtHeader(_key.Algorithm, null, _key.KeyId, null);
            return true;
        }

        header = default;
        return false;
    }

    public bool TryChoose(in JwtHeader header, [NotNullWhen(true)] out JwtKey? key, out JwtError error)
    {
        key = null;
        if (_key.Algorithm != header.Algorithm)
        {
            error = JwtError.Header(JwtErrorCode.KeyAlgorithmMismatch, "alg");
            return false;
        }

        // A key whose JWK key_ops leave out "verify" verifies nothing.
        if (_key.JwkForbidsVerify)
        {
            error = new JwtError(JwtErrorCode.KeyNotFound);
            return false;
        }

        key = _key;
        error = default;
        return true;
    }
}
