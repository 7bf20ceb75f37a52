using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>A compact JWS whose signature has been verified. Its payload is opaque bytes (RFC 7515 allows any).</summary>
/// <remarks>A light view over the token text: nothing is decoded until asked for.</remarks>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "A view over a verified token, not a value to compare; compare Token.")]
public readonly struct JwsToken
{
    private readonly string? _token;
    private readonly JwsLayout _layout;

    internal JwsToken(string token, JwsLayout layout, JwtHeader header)
    {
        _token = token;
        _layout = layout;
        Header = header;
    }

    /// <summary>The protected header.</summary>
    public JwtHeader Header { get; }

    /// <summary>The whole compact token.</summary>
    public string Token => _token ?? string.Empty;

    /// <summary>The Base64Url text of the payload segment.</summary>
    public ReadOnlySpan<char> EncodedPayload => _token is null ? default : _token.AsSpan(_layout.PayloadStart, _layout.PayloadLength);

    /// <summary>The length in bytes of the decoded payload.</summary>
    public int PayloadLength => _token is null ? 0 : JwtBase64Url.GetDecodedLength(_layout.PayloadLength);

    /// <summary>Decodes the payload into a new array.</summary>
    /// <returns>The payload bytes.</returns>
    public byte[] GetPayload() => _token is null ? [] : JwtBase64Url.DecodeFromChars(EncodedPayload);

    /// <summary>Decodes the payload into <paramref name="destination"/>.</summary>
    /// <param name="destination">Receives the payload; must hold <see cref="PayloadLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public int CopyPayloadTo(Span<byte> destination)
    {
        if (_token is null)
        {
            return 0;
        }

        return JwtBase64Url.DecodeFromChars(EncodedPayload, destination);
    }

    internal JwsLayout Layout => _layout;
}
