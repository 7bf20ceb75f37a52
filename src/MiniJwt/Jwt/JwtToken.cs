using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiniJwt;

/// <summary>
/// A JWT whose signature and claims have been verified. A light view over the token text: the time claims
/// are kept from verification; every other claim is read from the payload only when asked for.
/// </summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "A view over a verified token, not a value to compare; compare Token.")]
public readonly struct JwtToken
{
    private readonly JwsToken _jws;
    private readonly ClaimTimes _times;

    internal JwtToken(JwsToken jws, ClaimTimes times)
    {
        _jws = jws;
        _times = times;
    }

    /// <summary>The protected header (alg, typ, kid, cty).</summary>
    public JwtHeader Header => _jws.Header;

    /// <summary>The whole compact token.</summary>
    public string Token => _jws.Token;

    /// <summary>The <c>exp</c> claim, or <see langword="null"/>. Values beyond the range of <see cref="DateTimeOffset"/> are clamped to it.</summary>
    public DateTimeOffset? ExpiresAt => Token.Length == 0 ? null : ToDate(_times.Expires);

    /// <summary>The <c>nbf</c> claim, or <see langword="null"/>.</summary>
    public DateTimeOffset? NotBefore => Token.Length == 0 ? null : ToDate(_times.NotBefore);

    /// <summary>The <c>iat</c> claim, or <see langword="null"/>.</summary>
    public DateTimeOffset? IssuedAt => Token.Length == 0 ? null : ToDate(_times.IssuedAt);

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
            if (!TryGetClaim("aud", out JsonElement aud))
            {
                return [];
            }

            if (aud.ValueKind == JsonValueKind.String)
            {
                return [aud.GetString()!];
            }

            var list = new List<string>(aud.GetArrayLength());
            foreach (JsonElement item in aud.EnumerateArray())
            {
                list.Add(item.GetString()!);
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
        if (Token.Length == 0)
        {
            return false;
        }

        // As deep as JwsValidationOptions.MaxJsonDepth may allow: the payload was verified within that depth.
        using JsonDocument document = JsonDocument.Parse(GetPayload(), new JsonDocumentOptions { MaxDepth = 256 });
        if (!document.RootElement.TryGetProperty(name, out JsonElement found))
        {
            return false;
        }

        value = found.Clone();
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
        if (Token.Length == 0)
        {
            return false;
        }

        // Verification checked the payload: one object, unique names, every escape valid, so GetString cannot throw.
        int length = _jws.PayloadLength;
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            _jws.CopyPayloadTo(rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                reader.Read();
                if (match)
                {
                    value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    return value is not null;
                }

                reader.Skip();
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads a claim whose value is a JSON number that fits an <see cref="long"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the claim is present and an integer in range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetInt64(string name, out long value)
    {
        value = 0;
        return TryGetClaim(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    /// <summary>Reads a claim whose value is a JSON number.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the claim is present and a finite number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetDouble(string name, out double value)
    {
        value = 0;
        return TryGetClaim(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number
            && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>Reads a claim whose value is <c>true</c> or <c>false</c>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the claim is present and a boolean.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetBoolean(string name, out bool value)
    {
        value = false;
        if (!TryGetClaim(name, out JsonElement element) || element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    /// <summary>Reads the raw JSON text of a claim's value (an object, array, string with its quotes, number…).</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="json">The JSON text, when present.</param>
    /// <returns><see langword="true"/> when the claim is present.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetRawJson(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? json)
    {
        json = null;
        if (!TryGetClaim(name, out JsonElement element))
        {
            return false;
        }

        json = element.GetRawText();
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

    private static DateTimeOffset? ToDate(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            return null;
        }

        const double Min = -62135596800.0; // 0001-01-01
        const double Max = 253402300799.0; // 9999-12-31T23:59:59
        if (seconds <= Min)
        {
            return DateTimeOffset.MinValue;
        }

        if (seconds >= Max)
        {
            return DateTimeOffset.MaxValue;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
    }
}
