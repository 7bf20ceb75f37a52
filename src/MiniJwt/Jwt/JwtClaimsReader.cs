using System;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// Step 7 of the decode order: the payload as a JSON object with unique names, then the claims.
/// One pass of <see cref="Utf8JsonReader"/> over the registered claims; nothing is materialised.
/// </summary>
internal static class JwtClaimsReader
{
    /// <summary>
    /// The earliest NumericDate a token may carry: 0001-01-01T00:00:00Z, the first second of <see cref="DateTimeOffset"/>.
    /// </summary>
    internal const double MinNumericDate = -62135596800.0;

    /// <summary>The first NumericDate past <see cref="DateTimeOffset"/>'s range: 10000-01-01T00:00:00Z (exclusive bound).</summary>
    internal const double EndNumericDate = 253402300800.0;

    public static JwtError Validate(ReadOnlySpan<byte> json, JwtValidationOptions options, out RegisteredClaims registered)
    {
        registered = new RegisteredClaims(double.NaN, double.NaN, double.NaN, default, default, default, default);
        var claims = new ClaimsVisitor(options);
        if (!CompactJson.TryScan(json, options.MaxJsonDepth, ref claims))
        {
            // Not surely a compact payload the fast path takes: the full reader decides, from a fresh start.
            claims = new ClaimsVisitor(options);
            JwtErrorCode code = StrictJson.ReadObject(json, options.MaxJsonDepth, ref claims);
            if (code != JwtErrorCode.None)
            {
                return JwtError.Payload(code);
            }
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
            return JwtError.Payload(JwtErrorCode.InvalidClaimType, badType);
        }

        registered = new RegisteredClaims(exp, nbf, iat, claims.Subject, claims.Issuer, claims.JwtId, claims.Audience);
        if (double.IsNaN(exp) && options.RequireExpiration)
        {
            return JwtError.Payload(JwtErrorCode.MissingClaim, "exp");
        }

        JwtError timeError = CheckTimes(in registered, options);
        if (timeError.Code != JwtErrorCode.None)
        {
            return timeError;
        }

        if (issuers is not null)
        {
            if (!issPresent)
            {
                return JwtError.Payload(JwtErrorCode.MissingClaim, "iss");
            }

            if (!issMatched)
            {
                return JwtError.Payload(JwtErrorCode.InvalidIssuer, "iss");
            }
        }

        if (options.ValidateAudience)
        {
            if (audiences is null)
            {
                if (audPresent)
                {
                    return JwtError.Payload(JwtErrorCode.InvalidAudience, "aud");
                }
            }
            else if (!audPresent)
            {
                return JwtError.Payload(JwtErrorCode.MissingClaim, "aud");
            }
            else if (!audMatched)
            {
                return JwtError.Payload(JwtErrorCode.InvalidAudience, "aud");
            }
        }

        for (int i = 0; i < requiredNames.Length; i++)
        {
            if ((required & (1ul << i)) == 0)
            {
                return JwtError.Payload(JwtErrorCode.MissingClaim, options.RequiredClaims[i]);
            }
        }

        return default;
    }

    // A NumericDate on the fast path: an integer within the range ClaimsVisitor.ReadTime accepts; anything else is left to it.
    private static bool TryCompactTime(in CompactJsonMember member, out double value)
    {
        value = member.Integer;
        return member.Kind == CompactJsonKind.Integer && value >= MinNumericDate && value < EndNumericDate;
    }

    // A compact array of plain strings ["a","b"]: no escapes, so each element's raw bytes are its value.
    private static bool AnyElementMatches(ReadOnlySpan<byte> array, byte[][] expected)
    {
        int i = 1;
        while (i < array.Length - 1)
        {
            int length = array.Slice(i + 1).IndexOf((byte)'"');
            if (MatchesAny(array.Slice(i + 1, length), expected))
            {
                return true;
            }

            i += length + 3;
        }

        return false;
    }

    private static bool MatchesAny(ReadOnlySpan<byte> value, byte[][] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (value.SequenceEqual(expected[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The time claims against the current clock of <paramref name="options"/> (with its leeway): <c>exp</c> passed,
    /// <c>nbf</c> or <c>iat</c> still ahead. The only checks whose verdict changes for one token under one options object,
    /// so also the whole check of a token a <see cref="JwtTokenCache"/> remembers.
    /// </summary>
    public static JwtError CheckTimes(in RegisteredClaims claims, JwtValidationOptions options)
    {
        double now = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        double leeway = options.Leeway.TotalSeconds;
        if (now >= claims.Expires + leeway)
        {
            return JwtError.Payload(JwtErrorCode.Expired, "exp");
        }

        if (claims.NotBefore > now + leeway)
        {
            return JwtError.Payload(JwtErrorCode.NotYetValid, "nbf");
        }

        if (claims.IssuedAt > now + leeway)
        {
            return JwtError.Payload(JwtErrorCode.IssuedInFuture, "iat");
        }

        return default;
    }

    /// <summary>
    /// Records the registered claims and the required ones in the one pass <see cref="StrictJson.ReadObject{TVisitor}"/>
    /// makes, or in the one <see cref="CompactJson.TryScan{TVisitor}"/> makes when the payload is compact.
    /// </summary>
    private struct ClaimsVisitor : IJsonMemberVisitor, ICompactJsonVisitor
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
        public Range Subject;
        public Range Issuer;
        public Range JwtId;
        public Range Audience;
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
                    int start = (int)reader.TokenStartIndex;
                    AudiencePresent = true;
                    AudienceMatched = ReadAudience(ref reader);
                    Audience = start..(int)reader.BytesConsumed;
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
                        Issuer = ValueRange(ref reader);
                    }
                }
                else if (name.SequenceEqual("sub"u8) || name.SequenceEqual("jti"u8))
                {
                    bool subject = name[0] == (byte)'s';
                    if (type != JsonTokenType.String)
                    {
                        BadType ??= subject ? "sub" : "jti";
                    }
                    else if (subject)
                    {
                        Subject = ValueRange(ref reader);
                    }
                    else
                    {
                        JwtId = ValueRange(ref reader);
                    }
                }
            }

            if (type != JsonTokenType.Null)
            {
                MarkRequired(name);
            }
        }

        /// <summary>
        /// The fast path of the claims pass, for a compact payload (<see cref="CompactJson"/>): records exactly what the
        /// full pass records, and gives up (so the full pass runs, from a fresh visitor) on anything the full pass would
        /// refuse or that it does not read itself: a time claim that is not an integer in range, an <c>iss</c>, <c>sub</c>
        /// or <c>jti</c> that is not a string, an <c>aud</c> that is not a string or an array of strings.
        /// </summary>
        public bool Visit(ReadOnlySpan<byte> json, in CompactJsonMember member)
        {
            ReadOnlySpan<byte> name = json.Slice(member.NameStart, member.NameLength);
            if (name.Length == 3)
            {
                // The registered names are three ASCII bytes: one comparison of a word each.
                Range place = member.ValueStart..member.ValueEnd;

                // A member the fast path does not read (taken false) gives the payload up to the full pass, from a fresh
                // visitor: what was recorded before it here is dropped.
                bool isString = member.Kind == CompactJsonKind.String;
                bool taken = true;
                switch (name[0] | (name[1] << 8) | (name[2] << 16))
                {
                    case 'e' | ('x' << 8) | ('p' << 16):
                        taken = TryCompactTime(in member, out Expires);
                        break;
                    case 'n' | ('b' << 8) | ('f' << 16):
                        taken = TryCompactTime(in member, out NotBefore);
                        break;
                    case 'i' | ('a' << 8) | ('t' << 16):
                        taken = TryCompactTime(in member, out IssuedAt);
                        break;
                    case 'a' | ('u' << 8) | ('d' << 16):
                        taken = isString || member.Kind == CompactJsonKind.StringArray;
                        AudiencePresent = true;
                        AudienceMatched = taken && _audiences is not null
                            && (isString ? MatchesAny(json[place][1..^1], _audiences) : AnyElementMatches(json[place], _audiences));
                        Audience = place;
                        break;
                    case 'i' | ('s' << 8) | ('s' << 16):
                        taken = isString;
                        IssuerPresent = true;
                        IssuerMatched = isString && _issuers is not null && MatchesAny(json[place][1..^1], _issuers);
                        Issuer = place;
                        break;
                    case 's' | ('u' << 8) | ('b' << 16):
                        taken = isString;
                        Subject = place;
                        break;
                    case 'j' | ('t' << 8) | ('i' << 16):
                        taken = isString;
                        JwtId = place;
                        break;
                }

                if (!taken)
                {
                    return false;
                }
            }

            if (member.Kind != CompactJsonKind.Null)
            {
                MarkRequired(name);
            }

            return true;
        }

        // A required claim counts as present when it is there and not null, in either pass.
        private void MarkRequired(ReadOnlySpan<byte> name)
        {
            for (int i = 0; i < _required.Length; i++)
            {
                if (name.SequenceEqual(_required[i]))
                {
                    Required |= 1ul << i;
                }
            }
        }

        // The place of a string value the reader stands on, quotes included.
        private static Range ValueRange(ref Utf8JsonReader reader) => (int)reader.TokenStartIndex..(int)reader.BytesConsumed;

        // A NumericDate: a JSON number within the range of DateTimeOffset (years 1 to 9999), so that one value has one
        // meaning; a value beyond it would otherwise be clamped when read back.
        private void ReadTime(ref Utf8JsonReader reader, ref double value, string claim)
        {
            double number;
            if (reader.TokenType != JsonTokenType.Number)
            {
                BadType ??= claim;
                return;
            }
            else if (reader.TryGetInt64(out long seconds))
            {
                // The usual NumericDate: whole seconds, parsed without the floating-point parser.
                number = seconds;
            }
            else if (!reader.TryGetDouble(out number) || !double.IsFinite(number))
            {
                BadType ??= claim;
                return;
            }

            if (number < MinNumericDate || number >= EndNumericDate)
            {
                BadType ??= claim;
                return;
            }

            value = number;
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
