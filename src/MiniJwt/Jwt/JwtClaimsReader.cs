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
        if (!JwsReader.IsStrictUtf8Json(json))
        {
            return new JwtError(JwtErrorCode.InvalidJson, "payload");
        }

        double exp = double.NaN, nbf = double.NaN, iat = double.NaN;
        string? badType = null;
        bool audPresent = false, audMatched = false, issPresent = false, issMatched = false, nestedDuplicate = false;
        ulong required = 0;
        byte[][]? audiences = options.AudiencesUtf8;
        byte[][]? issuers = options.IssuersUtf8;
        byte[][] requiredNames = options.RequiredClaimsUtf8;

        var names = new JsonNameSet(stackalloc byte[Math.Min(json.Length, 512)], stackalloc int[16]);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxJsonDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new JwtError(JwtErrorCode.InvalidJson, "payload");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = names.Add(in reader);
                reader.Read();
                JsonTokenType type = reader.TokenType;
                if (name.Length == 3)
                {
                    if (name.SequenceEqual("exp"u8))
                    {
                        ReadTime(ref reader, ref exp, ref badType, "exp");
                    }
                    else if (name.SequenceEqual("nbf"u8))
                    {
                        ReadTime(ref reader, ref nbf, ref badType, "nbf");
                    }
                    else if (name.SequenceEqual("iat"u8))
                    {
                        ReadTime(ref reader, ref iat, ref badType, "iat");
                    }
                    else if (name.SequenceEqual("aud"u8))
                    {
                        audPresent = true;
                        audMatched = ReadAudience(ref reader, audiences, ref badType);
                    }
                    else if (name.SequenceEqual("iss"u8))
                    {
                        issPresent = true;
                        if (type != JsonTokenType.String)
                        {
                            badType ??= "iss";
                        }
                        else
                        {
                            issMatched = issuers is not null && MatchesAny(ref reader, issuers);
                        }
                    }
                    else if (name.SequenceEqual("sub"u8) || name.SequenceEqual("jti"u8))
                    {
                        if (type != JsonTokenType.String)
                        {
                            badType ??= name[0] == (byte)'s' ? "sub" : "jti";
                        }
                    }
                }

                if (requiredNames.Length != 0 && type != JsonTokenType.Null)
                {
                    for (int i = 0; i < requiredNames.Length; i++)
                    {
                        if (name.SequenceEqual(requiredNames[i]))
                        {
                            required |= 1ul << i;
                        }
                    }
                }

                nestedDuplicate |= !StrictJson.Skip(ref reader);
            }

            // The reader throws on anything after the root object.
            reader.Read();
            if (nestedDuplicate || names.HasDuplicates())
            {
                return new JwtError(JwtErrorCode.DuplicateMember, "payload");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name escapes a lone surrogate ("\uD800"), which cannot be unescaped.
            return new JwtError(JwtErrorCode.InvalidJson, "payload");
        }
        finally
        {
            names.Dispose();
        }

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

    private static void ReadTime(ref Utf8JsonReader reader, ref double value, ref string? badType, string claim)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            badType ??= claim;
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
            badType ??= claim;
        }
    }

    // aud: a string, or an array of strings (possibly empty). Any expected value equal to any claim value matches.
    private static bool ReadAudience(ref Utf8JsonReader reader, byte[][]? expected, ref string? badType)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return expected is not null && MatchesAny(ref reader, expected);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            badType ??= "aud";
            return false;
        }

        bool matched = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                badType ??= "aud";
                _ = StrictJson.Skip(ref reader);
                continue;
            }

            StrictJson.CheckEscapes(ref reader);
            if (!matched && expected is not null)
            {
                matched = MatchesAny(ref reader, expected);
            }
        }

        return matched;
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
