using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiniJwt;

/// <summary>
/// A JWT whose signature and claims have been verified. A light view over the token text: the registered claims
/// were read once, by the verifying pass (the time claims kept as values, the places of <c>sub</c>, <c>iss</c>,
/// <c>jti</c> and <c>aud</c> recorded); a value is materialised only when asked for.
/// </summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "A view over a verified token, not a value to compare; compare Token.")]
public readonly struct JwtToken
{
    // As deep as JwsValidationOptions.MaxJsonDepth may allow: the payload was verified within that depth.
    private const int MaxDepth = 256;

    private readonly JwsToken _jws;
    private readonly RegisteredClaims _claims;

    internal JwtToken(JwsToken jws, RegisteredClaims claims)
    {
        _jws = jws;
        _claims = claims;
    }

    /// <summary>The protected header (alg, typ, kid, cty).</summary>
    public JwtHeader Header => _jws.Header;

    /// <summary>The whole compact token.</summary>
    public string Token => _jws.Token;

    /// <summary>The <c>exp</c> claim, or <see langword="null"/>. A verified token's time claims all lie within the range of <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset? ExpiresAt => Token.Length == 0 ? null : ToDate(_claims.Expires);

    /// <summary>The <c>nbf</c> claim, or <see langword="null"/>.</summary>
    public DateTimeOffset? NotBefore => Token.Length == 0 ? null : ToDate(_claims.NotBefore);

    /// <summary>The <c>iat</c> claim, or <see langword="null"/>.</summary>
    public DateTimeOffset? IssuedAt => Token.Length == 0 ? null : ToDate(_claims.IssuedAt);

    /// <summary>The <c>sub</c> claim, or <see langword="null"/>.</summary>
    public string? Subject => TryGetString("sub", out string? value) ? value : null;

    /// <summary>The <c>iss</c> claim, or <see langword="null"/>.</summary>
    public string? Issuer => TryGetString("iss", out string? value) ? value : null;

    /// <summary>The <c>jti</c> claim, or <see langword="null"/>.</summary>
    public string? JwtId => TryGetString("jti", out string? value) ? value : null;

    /// <summary>The <c>aud</c> claim as a list (a single string becomes a list of one); empty when absent.</summary>
    public IReadOnlyList<string> Audiences
    {
        get
        {
            using PooledBuffer payload = DecodePayload();
            if (!TryFind("aud", payload.Span, out Range place))
            {
                return [];
            }

            // Verification checked aud: a string or an array of strings, every escape valid.
            var reader = new Utf8JsonReader(payload.Span[place], new JsonReaderOptions { MaxDepth = MaxDepth });
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                return [reader.GetString()!];
            }

            var list = new List<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                list.Add(reader.GetString()!);
            }

            return list;
        }
    }

    /// <summary>The payload: the UTF-8 JSON claims set as it was signed.</summary>
    /// <returns>A new array.</returns>
    public byte[] GetPayload() => _jws.GetPayload();

    /// <summary>Reads a claim as any JSON value.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">A standalone copy of the value, when present.</param>
    /// <returns><see langword="true"/> when the claim is present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetClaim(string name, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = default;
        using PooledBuffer payload = DecodePayload();
        if (!TryFind(name, payload.Span, out Range place))
        {
            return false;
        }

        var reader = new Utf8JsonReader(payload.Span[place], new JsonReaderOptions { MaxDepth = MaxDepth });
        value = JsonElement.ParseValue(ref reader);
        return true;
    }

    /// <summary>Reads a claim whose value is a JSON string.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The string, when the claim is present and a string.</param>
    /// <returns><see langword="true"/> when the claim is present and a string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetString(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = null;
        using PooledBuffer payload = DecodePayload();
        if (!TryRead(name, payload.Span, out Utf8JsonReader reader) || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        // Verification checked the payload: every escape valid, so GetString cannot throw.
        value = reader.GetString()!;
        return true;
    }

    /// <summary>Reads a claim whose value is a JSON number that fits an <see cref="long"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the claim is present and an integer in range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetInt64(string name, out long value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = 0;
        using PooledBuffer payload = DecodePayload();
        return TryRead(name, payload.Span, out Utf8JsonReader reader) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    /// <summary>Reads a claim whose value is a JSON number.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the claim is present and a finite number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetDouble(string name, out double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = 0;
        using PooledBuffer payload = DecodePayload();
        if (TryRead(name, payload.Span, out Utf8JsonReader reader) && reader.TokenType == JsonTokenType.Number
            && reader.TryGetDouble(out double number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>Reads a claim whose value is <c>true</c> or <c>false</c>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the claim is present and a boolean.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetBoolean(string name, out bool value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = false;
        using PooledBuffer payload = DecodePayload();
        if (!TryRead(name, payload.Span, out Utf8JsonReader reader) || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        value = reader.TokenType == JsonTokenType.True;
        return true;
    }

    /// <summary>Reads the raw JSON text of a claim's value (an object, array, string with its quotes, number…).</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="json">The JSON text, when present.</param>
    /// <returns><see langword="true"/> when the claim is present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetRawJson(string name, [NotNullWhen(true)] out string? json)
    {
        ArgumentNullException.ThrowIfNull(name);
        json = null;
        using PooledBuffer payload = DecodePayload();
        if (!TryFind(name, payload.Span, out Range place))
        {
            return false;
        }

        json = System.Text.Encoding.UTF8.GetString(payload.Span[place]);
        return true;
    }

    /// <summary>Deserializes the whole payload to <typeparamref name="T"/> with source-generated metadata (no reflection).</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="typeInfo">The metadata, from a <c>JsonSerializerContext</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The payload does not fit <typeparamref name="T"/>.</exception>
    public T? Deserialize<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Deserialize(GetPayload(), typeInfo);
    }

    // Verification kept every time claim within the range of DateTimeOffset (years 1 to 9999).
    internal static DateTimeOffset? ToDate(double seconds) =>
        double.IsNaN(seconds) ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));

    /// <summary>
    /// Copies the <c>sub</c> string of a verified payload (still Base64Url) at its recorded place, unescaped, into
    /// <paramref name="destination"/> when it fits; returns its length either way.
    /// </summary>
    internal static int CopySubject(ReadOnlySpan<byte> encodedPayload, Range place, Span<byte> destination)
    {
        // Only the 4-character groups that hold the value are decoded: group g holds decoded bytes 3g to 3g + 2.
        int decodedLength = JwtBase64Url.GetDecodedLength(encodedPayload.Length);
        (int start, int count) = place.GetOffsetAndLength(decodedLength);
        int firstGroup = start / 3;
        int endChar = Math.Min(((start + count + 2) / 3) * 4, encodedPayload.Length);
        ReadOnlySpan<byte> groups = encodedPayload[(firstGroup * 4)..endChar];
        int length = JwtBase64Url.GetDecodedLength(groups.Length);
        using PooledBuffer decoded = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        JwtBase64Url.DecodeCore(groups, decoded.Span, out _);
        ReadOnlySpan<byte> quoted = decoded.Span.Slice(start - (firstGroup * 3), count);

        // A string without a backslash is its own text: what lies between the quotes.
        ReadOnlySpan<byte> inner = quoted[1..^1];
        if (!inner.Contains((byte)'\\'))
        {
            if (inner.Length <= destination.Length)
            {
                inner.CopyTo(destination);
            }

            return inner.Length;
        }

        var reader = new Utf8JsonReader(quoted, new JsonReaderOptions { MaxDepth = MaxDepth });
        reader.Read();
        ReadOnlySpan<byte> raw = reader.ValueSpan;

        // Verification checked every escape, so CopyString cannot throw; unescaped text is never longer.
        using PooledBuffer unescaped = raw.Length <= PooledBuffer.StackLimit ? new(stackalloc byte[raw.Length]) : new(raw.Length);
        int written = reader.CopyString(unescaped.Span);
        if (written <= destination.Length)
        {
            unescaped.Span.Slice(0, written).CopyTo(destination);
        }

        return written;
    }

    // The payload, decoded into a pooled buffer (empty for the default token).
    private PooledBuffer DecodePayload()
    {
        if (Token.Length == 0)
        {
            return new PooledBuffer(default(Span<byte>));
        }

        var payload = new PooledBuffer(_jws.PayloadLength);
        _jws.CopyPayloadTo(payload.Span);
        return payload;
    }

    // A reader standing on the value of the claim, when present.
    private bool TryRead(string name, ReadOnlySpan<byte> payload, out Utf8JsonReader reader)
    {
        if (!TryFind(name, payload, out Range place))
        {
            reader = default;
            return false;
        }

        reader = new Utf8JsonReader(payload[place], new JsonReaderOptions { MaxDepth = MaxDepth });
        reader.Read();
        return true;
    }

    // The one claim lookup: a registered claim at the place the verifying pass recorded, any other by one walk over
    // the top-level members (the payload was verified: one object, unique names, every escape valid).
    private bool TryFind(string name, ReadOnlySpan<byte> payload, out Range place)
    {
        place = default;
        if (payload.IsEmpty)
        {
            return false;
        }

        if (_claims.TryGetRecorded(name, out place))
        {
            return RegisteredClaims.IsPresent(place);
        }

        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(name);
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match)
            {
                place = start..(int)reader.BytesConsumed;
                return true;
            }
        }

        return false;
    }
}
