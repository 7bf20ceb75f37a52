using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// A claims set to encode, written compact and in the order the claims were added. Names are unique.
/// </summary>
/// <remarks>
/// Values may be <see langword="null"/>, <see cref="string"/>, <see cref="bool"/>, any integer or floating-point
/// type, <see cref="decimal"/>, <see cref="DateTimeOffset"/> and <see cref="DateTime"/> (written as NumericDate
/// seconds), <see cref="Guid"/> (as a string), <see cref="JsonElement"/> (as it is), sequences of these, and nested
/// <c>IEnumerable&lt;KeyValuePair&lt;string, object?&gt;&gt;</c> objects. Any other type is refused with an
/// <see cref="ArgumentException"/>: there is no reflection-based serialization.
/// </remarks>
public sealed class JwtClaims : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _claims = [];

    // Each name as the claim writer writes it, escaped once here rather than at every encoding.
    private readonly List<JsonEncodedText> _encodedNames = [];

    /// <summary>The number of claims.</summary>
    public int Count => _claims.Count;

    /// <summary>Adds a claim.</summary>
    /// <param name="name">The claim name; not already present.</param>
    /// <param name="value">The value (see the remarks of <see cref="JwtClaims"/> for the types accepted).</param>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is already present, the value's type is not supported, or a string holds an unpaired surrogate.</exception>
    public JwtClaims Add(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        Utf16Text.CheckWellFormed(name, "The claim name", nameof(name));
        foreach (KeyValuePair<string, object?> claim in _claims)
        {
            if (claim.Key == name)
            {
                ThrowHelper.ThrowArgument("The claim '" + name + "' is already present.", nameof(name));
            }
        }

        JsonClaimWriter.CheckSupported(value, nameof(value), 0);
        _encodedNames.Add(JsonEncodedText.Encode(name, JwsHeaderWriter.WriterOptions.Encoder));
        _claims.Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }

    /// <summary>Adds <c>sub</c>.</summary>
    /// <param name="subject">The subject.</param>
    /// <returns>This instance.</returns>
    public JwtClaims Subject(string subject) => Add("sub", subject);

    /// <summary>Adds <c>iss</c>.</summary>
    /// <param name="issuer">The issuer.</param>
    /// <returns>This instance.</returns>
    public JwtClaims Issuer(string issuer) => Add("iss", issuer);

    /// <summary>Adds <c>aud</c> as a single string.</summary>
    /// <param name="audience">The audience.</param>
    /// <returns>This instance.</returns>
    public JwtClaims Audience(string audience) => Add("aud", audience);

    /// <summary>Adds <c>aud</c> as an array of strings.</summary>
    /// <param name="audiences">The audiences, copied.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audiences"/> is <see langword="null"/>.</exception>
    public JwtClaims Audiences(IEnumerable<string> audiences)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        return Add("aud", new List<string>(audiences));
    }

    /// <summary>Adds <c>exp</c> as whole seconds since the epoch (fractions dropped).</summary>
    /// <param name="time">The expiry time.</param>
    /// <returns>This instance.</returns>
    public JwtClaims ExpiresAt(DateTimeOffset time) => Add("exp", time.ToUnixTimeSeconds());

    /// <summary>Adds <c>nbf</c> as whole seconds since the epoch.</summary>
    /// <param name="time">The time from which the token is valid.</param>
    /// <returns>This instance.</returns>
    public JwtClaims NotBefore(DateTimeOffset time) => Add("nbf", time.ToUnixTimeSeconds());

    /// <summary>Adds <c>iat</c> as whole seconds since the epoch.</summary>
    /// <param name="time">The issue time.</param>
    /// <returns>This instance.</returns>
    public JwtClaims IssuedAt(DateTimeOffset time) => Add("iat", time.ToUnixTimeSeconds());

    /// <summary>Adds <c>jti</c>.</summary>
    /// <param name="id">The token identifier.</param>
    /// <returns>This instance.</returns>
    public JwtClaims JwtId(string id) => Add("jti", id);

    /// <summary>Writes the claims set as compact UTF-8 JSON.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToJson() => JsonClaimWriter.ToJson(this);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _claims.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The claims in order, for the claim writer (read without an enumerator).</summary>
    internal List<KeyValuePair<string, object?>> Items => _claims;

    /// <summary>The names escaped as the claim writer writes them, one for each of <see cref="Items"/>.</summary>
    internal List<JsonEncodedText> EncodedNames => _encodedNames;
}
