using System;

namespace MiniJwt;

/// <summary>
/// What the one claims pass of verification learnt of the registered claims: the time claims as seconds since the
/// epoch (NaN when absent), and where the values of <c>sub</c>, <c>iss</c>, <c>jti</c> and <c>aud</c> lie in the decoded
/// payload (a default range when absent). Nothing is materialised while verifying: a token view reads a value from
/// its recorded place only when asked, without scanning the payload again.
/// </summary>
internal readonly struct RegisteredClaims
{
    public RegisteredClaims(double expires, double notBefore, double issuedAt, Range subject, Range issuer, Range jwtId, Range audience)
    {
        Expires = expires;
        NotBefore = notBefore;
        IssuedAt = issuedAt;
        Subject = subject;
        Issuer = issuer;
        JwtId = jwtId;
        Audience = audience;
    }

    public double Expires { get; }

    public double NotBefore { get; }

    public double IssuedAt { get; }

    public Range Subject { get; }

    public Range Issuer { get; }

    public Range JwtId { get; }

    public Range Audience { get; }

    /// <summary>The recorded place of a registered string-valued claim, or <see langword="false"/> when <paramref name="name"/> is not one.</summary>
    public bool TryGetRecorded(string name, out Range value)
    {
        value = name switch
        {
            "sub" => Subject,
            "iss" => Issuer,
            "jti" => JwtId,
            "aud" => Audience,
            _ => default,
        };
        return name is "sub" or "iss" or "jti" or "aud";
    }

    /// <summary><see langword="true"/> when <paramref name="value"/> is a recorded place (a JSON value is never empty).</summary>
    public static bool IsPresent(Range value) => !value.Equals(default(Range));
}
