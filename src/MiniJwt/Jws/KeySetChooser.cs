using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>
/// A key set, read through one snapshot for the whole decode (a live set may be refreshed meanwhile): the key is the
/// set's choice for the header's <c>kid</c> and <c>alg</c>, never one of several tried in turn.
/// </summary>
internal readonly struct KeySetChooser : IJwsKeyChooser
{
    // Past this many keys, comparing the header with each key's own costs more than decoding it once.
    private const int MaxFastPathKeys = 16;

    private readonly JwtKeySet _set;
    private readonly JwtKeySet _snapshot;

    public KeySetChooser(JwtKeySet set)
    {
        _set = set;
        _snapshot = set.Snapshot;
    }

    public bool TryMatchHeader(ReadOnlySpan<byte> encodedHeader, out JwtHeader header)
    {
        // The same header as decoding gives (alg, kid, typ JWT or none, nothing else); the choice below still applies.
        JwtKey[] keys = _snapshot.KeyArray;
        if (keys.Length <= MaxFastPathKeys)
        {
            foreach (JwtKey key in keys)
            {
                if (encodedHeader.SequenceEqual(JwsHeaderWriter.JwtHeaderOf(key)))
                {
                    header = new JwtHeader(key.Algorithm, JwsHeaderWriter.JwtType, key.KeyId, null);
                    return true;
                }

                if (encodedHeader.SequenceEqual(JwsHeaderWriter.BareHeaderOf(key)))
                {
                    header = new JwtHeader(key.Algorithm, null, key.KeyId, null);
                    return true;
                }
            }
        }

        header = default;
        return false;
    }

    public bool TryChoose(in JwtHeader header, [NotNullWhen(true)] out JwtKey? key, out JwtError error)
    {
        if (_set.TryFindKey(_snapshot, header.KeyId, header.Algorithm, out key, out JwtErrorCode code))
        {
            error = default;
            return true;
        }

        error = code == JwtErrorCode.MixedKeySet
            ? new JwtError(code)
            : JwtError.Header(code, header.KeyId is null ? "alg" : "kid");
        return false;
    }
}
