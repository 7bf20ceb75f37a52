using System;
using System.Text.Json;

namespace MiniJwt;

/// <summary>The time claims a verified payload carried, in seconds since the epoch (NaN when absent).</summary>
internal readonly struct ClaimTimes
{
    public ClaimTimes(double expires, double notBefore, double issuedAt)
    {
        Expires = expires;
        NotBefore = notBefore;
        IssuedAt = issuedAt;
    }

    public double Expires { get; }

    public double NotBefore { get; }

    public double IssuedAt { get; }
}

/// <summary>
/// Step 7 of the decode order: the payload as a JSON object with unique names, then the claims.
/// One pass of <see cref="Utf8JsonReader"/> over the registered claims; nothing is materialised.
/// </summary>
internal static class JwtClaimsReader
{
    public static JwtError Validate(ReadOnlySpan<byte> json, JwtValidationOptions options, out ClaimTimes times)
    {
        times = new ClaimTimes(double.NaN, double.NaN, double.NaN);
        var claims = new ClaimsVisitor(options);
        JwtErrorCode code = StrictJson.ReadObject(json, options.MaxJsonDepth, ref claims);
        if (code != JwtErrorCode.None)
        {
            return new JwtError(code, "payload");
        }

        double exp = claims.Expires, nbf = claims.NotBefore, iat = claims.IssuedAt;
        string? badType = claims.BadType;
        bool audPresent = claims.AudiencePresent, audMatched = claims.AudienceMatched;
        bool issPresent = claims.IssuerPresent, issMatched = claims.IssuerMatched;
        ulong required = claims.Required;
        byte[][]? audiences = options.AudiencesUtf8;
        byte[][]? issuers = options.IssuersUtf8;
        byte[][] requiredNames = options.RequiredClaimsUtf8;

        if (badType is not null)
        {
            return new JwtError(JwtErrorCode.InvalidClaimType, badType);
        }

        times = new ClaimTimes(exp, nbf, iat);
        double now = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        double leeway = options.Leeway.TotalSeconds;
        if (double.IsNaN(exp))
        {
            if (options.RequireExpiration)
            {
                return new JwtError(JwtErrorCode.MissingClaim, "exp");
            }
        }
        else if (now >= exp + leeway)
        {
            return new JwtError(JwtErrorCode.Expired, "exp");
        }

        if (nbf > now + leeway)
        {
            return new JwtError(JwtErrorCode.NotYetValid, "nbf");
        }

        if (iat > now + leeway)
        {
            return new JwtError(JwtErrorCode.IssuedInFuture, "iat");
        }

        if (issuers is not null)
        {
            if (!issPresent)
            {
                return new JwtError(JwtErrorCode.MissingClaim, "iss");
            }

            if (!issMatched)
            {
                return new JwtError(JwtErrorCode.InvalidIssuer, "iss");
            }
        }

        if (options.ValidateAudience)
        {
            if (audiences is null)
            {
                if (audPresent)
                {
                    return new JwtError(JwtErrorCode.InvalidAudience, "aud");
                }
            }
            else if (!audPresent)
            {
                return new JwtError(JwtErrorCode.MissingClaim, "aud");
            }
            else if (!audMatched)
            {
                return new JwtError(JwtErrorCode.InvalidAudience, "aud");
            }
        }

        for (int i = 0; i < requiredNames.Length; i++)
        {
            if ((required & (1ul << i)) == 0)
            {
                return new JwtError(JwtErrorCode.MissingClaim, options.RequiredClaims[i]);
            }
        }

        return default;
    }

    /// <summary>Records the registered claims and the required ones in the one pass <see cref="StrictJson.ReadObject{TVisitor}"/> makes.</summary>
    private struct ClaimsVisitor : IJsonMemberVisitor
    {
        public double Expires = double.NaN;
        public double NotBefore = double.NaN;
        public double IssuedAt = double.NaN;
        public string? BadType;
        public bool AudiencePresent;
        public bool AudienceMatched;
        public bool IssuerPresent;
        public bool IssuerMatched;
        public ulong Required;
        private readonly byte[][]? _audiences;
        private readonly byte[][]? _issuers;
        private readonly byte[][] _required;

        public ClaimsVisitor(JwtValidationOptions options)
        {
            _audiences = options.AudiencesUtf8;
            _issuers = options.IssuersUtf8;
            _required = options.RequiredClaimsUtf8;
        }

        public void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
        {
            JsonTokenType type = reader.TokenType;
            if (name.Length == 3)
            {
                if (name.SequenceEqual("exp"u8))
                {
                    ReadTime(ref reader, ref Expires, "exp");
                }
                else if (name.SequenceEqual("nbf"u8))
                {
                    ReadTime(ref reader, ref NotBefore, "nbf");
                }
                else if (name.SequenceEqual("iat"u8))
                {
                    ReadTime(ref reader, ref IssuedAt, "iat");
                }
                else if (name.SequenceEqual("aud"u8))
                {
                    AudiencePresent = true;
                    AudienceMatched = ReadAudience(ref reader);
                }
                else if (name.SequenceEqual("iss"u8))
                {
                    IssuerPresent = true;
                    if (type != JsonTokenType.String)
                    {
                        BadType ??= "iss";
                    }
                    else
                    {
                        IssuerMatched = _issuers is not null && MatchesAny(ref reader, _issuers);
                    }
                }
                else if ((name.SequenceEqual("sub"u8) || name.SequenceEqual("jti"u8)) && type != JsonTokenType.String)
                {
                    BadType ??= name[0] == (byte)'s' ? "sub" : "jti";
                }
            }

            if (type != JsonTokenType.Null)
            {
                for (int i = 0; i < _required.Length; i++)
                {
                    if (name.SequenceEqual(_required[i]))
                    {
                        Required |= 1ul << i;
                    }
                }
            }
        }

        private void ReadTime(ref Utf8JsonReader reader, ref double value, string claim)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                BadType ??= claim;
            }
            else if (reader.TryGetInt64(out long seconds))
            {
                // The usual NumericDate: whole seconds, parsed without the floating-point parser.
                value = seconds;
            }
            else if (reader.TryGetDouble(out double number) && double.IsFinite(number))
            {
                value = number;
            }
            else
            {
                BadType ??= claim;
            }
        }

        // aud: a string, or an array of strings (possibly empty). Any expected value equal to any claim value matches.
        private bool ReadAudience(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return _audiences is not null && MatchesAny(ref reader, _audiences);
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                BadType ??= "aud";
                return false;
            }

            bool matched = false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    // Refused as a wrong type whatever it holds; skipped only to reach the end of the array.
                    BadType ??= "aud";
                    _ = StrictJson.Skip(ref reader);
                    continue;
                }

                StrictJson.CheckEscapes(ref reader);
                if (!matched && _audiences is not null)
                {
                    matched = MatchesAny(ref reader, _audiences);
                }
            }

            return matched;
        }
    }

    private static bool MatchesAny(ref Utf8JsonReader reader, byte[][] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (reader.ValueTextEquals(expected[i]))
            {
                return true;
            }
        }

        return false;
    }
}
