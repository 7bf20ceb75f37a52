using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>
/// Reads one JSON Web Key (RFC 7517) into a <see cref="JwtKey"/>, strictly: one JSON object through the strict
/// JSON gate; <c>kty</c> <c>RSA</c>, <c>EC</c> or <c>oct</c>; every value strict Base64Url, RSA integers in their
/// minimal octets (RFC 7518 §6.3), EC coordinates and <c>d</c> in the curve's full size (§6.2); the point on its curve;
/// an RSA private key whole and consistent; the algorithm named by <c>alg</c> or by the caller and fitting the key;
/// <c>use</c> and <c>key_ops</c> honoured. Keys are made through the same constructors as PEM keys, so the same size,
/// exponent and curve rules apply. Never throws for bad data: every refusal is an error message.
/// </summary>
internal static class JwkReader
{
    /// <summary>The nesting a JWK may have (unknown members included).</summary>
    internal const int MaxDepth = 32;

    /// <summary>The largest RSA modulus read, in bytes (16384 bits); larger ones are refused before any arithmetic.</summary>
    internal const int MaxRsaBytes = 2048;

    private static readonly byte[] s_probe = "MiniJwt JWK key pair check"u8.ToArray();

    /// <summary>What kind of failure a JWK met: its JSON is broken, or its content is not a usable key.</summary>
    internal enum Failure
    {
        None,
        Json,
        Content,
    }

    /// <summary>Reads one JWK bound to one algorithm.</summary>
    public static bool TryRead(
        ReadOnlySpan<byte> json,
        JwtAlgorithm? algorithm,
        bool allowWeakKey,
        [NotNullWhen(true)] out JwtKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!TryParse(json, out JwkMembers members, out error))
        {
            return false;
        }

        try
        {
            if (!TryCheckPurpose(in members, out bool canSign, out bool canVerify, out error)
                || !TryResolveAlgorithm(in members, algorithm, out JwtAlgorithm resolved, out error))
            {
                return false;
            }

            return TryBuild(in members, resolved, allowWeakKey, canSign, canVerify, out key, out error);
        }
        finally
        {
            members.Clear();
        }
    }

    /// <summary>
    /// Reads one member of a JWK Set: a JWK with <c>alg</c> gives one key; one without gives a key for each of
    /// <paramref name="algorithms"/> that fits it. Appends the keys to <paramref name="keys"/>.
    /// </summary>
    public static Failure TryReadSetMember(
        ReadOnlySpan<byte> json,
        ReadOnlySpan<JwtAlgorithm> algorithms,
        bool allowWeakKey,
        List<JwtKey> keys,
        out string? keyId,
        out bool isSecret,
        out JwkClaim? brokenClaim,
        out string? error)
    {
        keyId = null;
        isSecret = false;
        brokenClaim = null;
        if (!TryParse(json, out JwkMembers members, out error))
        {
            if (members.Error is null)
            {
                return Failure.Json;
            }

            keyId = members.Kid;
            isSecret = members.Kty == "oct";
            brokenClaim = ClaimOf(in members);
            return Failure.Content;
        }

        try
        {
            keyId = members.Kid;
            isSecret = members.Kty == "oct";
            if (!TryCheckPurpose(in members, out bool canSign, out bool canVerify, out error))
            {
                return Failure.Content;
            }

            // From here on the member is meant as a signature key: if it is skipped, it still claims its kid.
            brokenClaim = ClaimOf(in members);

            if (members.Alg is not null || algorithms.IsEmpty)
            {
                if (!TryResolveAlgorithm(in members, null, out JwtAlgorithm resolved, out error)
                    || !TryBuild(in members, resolved, allowWeakKey, canSign, canVerify, out JwtKey? key, out error))
                {
                    return Failure.Content;
                }

                keys.Add(key);
                brokenClaim = null;
                return Failure.None;
            }

            int added = 0;
            string? firstError = null;
            foreach (JwtAlgorithm candidate in algorithms)
            {
                if (!JwtAlgorithms.IsDefined(candidate) || Fits(in members, candidate) is not null)
                {
                    continue;
                }

                if (TryBuild(in members, candidate, allowWeakKey, canSign, canVerify, out JwtKey? key, out error))
                {
                    keys.Add(key);
                    added++;
                }
                else
                {
                    firstError ??= error;
                }
            }

            if (added == 0)
            {
                error = firstError ?? "The JWK has no 'alg', and none of the given algorithms fits its key type.";
                return Failure.Content;
            }

            error = null;
            brokenClaim = null;
            return Failure.None;
        }
        finally
        {
            members.Clear();
        }
    }

    // A member of a signature key type whose use and key_ops allow signatures; null otherwise (an encryption key, OKP, ...).
    private static JwkClaim? ClaimOf(in JwkMembers members)
    {
        bool purpose = members.Kty is "RSA" or "EC" or "oct"
            && (members.Use is null || members.Use == "sig")
            && (members.KeyOps is null || members.KeyOps.Contains("sign") || members.KeyOps.Contains("verify"));
        return purpose ? new JwkClaim(members.Kid, members.Kty!, members.Alg) : null;
    }

    /// <summary>The JSON gate and the members' types and encodings.</summary>
    private static bool TryParse(ReadOnlySpan<byte> json, out JwkMembers members, [NotNullWhen(false)] out string? error)
    {
        members = default;
        JwtErrorCode code = StrictJson.ReadObject(json, MaxDepth, ref members);
        if (code == JwtErrorCode.DuplicateMember)
        {
            members.Clear();
            members.Error = null;
            error = "The JWK repeats a member name (RFC 7517 §4: member names are unique).";
            return false;
        }

        if (code != JwtErrorCode.None)
        {
            members.Clear();
            members.Error = null;
            error = "The JWK is not one well-formed UTF-8 JSON object.";
            return false;
        }

        if (members.Error is not null)
        {
            members.Clear();
            error = members.Error;
            return false;
        }

        if (members.Kty is null)
        {
            members.Clear();
            members.Error = error = "The JWK has no 'kty'.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The key type is one MiniJwt reads; <c>use</c> and <c>key_ops</c> leave it a signature purpose.</summary>
    private static bool TryCheckPurpose(in JwkMembers members, out bool canSign, out bool canVerify, [NotNullWhen(false)] out string? error)
    {
        canSign = canVerify = false;
        switch (members.Kty)
        {
            case "RSA" or "EC" or "oct":
                break;
            case "OKP":
                error = "The JWK has kty 'OKP' (Ed25519, Ed448, X25519, X448): EdDSA is not supported by MiniJwt.";
                return false;
            default:
                error = "The JWK's kty is not one MiniJwt reads (RSA, EC, oct).";
                return false;
        }

        if (members.Use is not null && members.Use != "sig")
        {
            error = members.Use == "enc"
                ? "The JWK has use 'enc': it is an encryption key, not a signature key."
                : "The JWK's use is not 'sig': it is not a signature key.";
            return false;
        }

        if (members.KeyOps is null)
        {
            canSign = canVerify = true;
        }
        else
        {
            canSign = members.KeyOps.Contains("sign");
            canVerify = members.KeyOps.Contains("verify");
            if (!canSign && !canVerify)
            {
                error = "The JWK's key_ops allow neither 'sign' nor 'verify'.";
                return false;
            }
        }

        bool holdsPrivate = members.Kty switch
        {
            "RSA" => members.HasRsaPrivate,
            "EC" => members.D is not null,
            _ => true,
        };
        if (!holdsPrivate && !canVerify)
        {
            error = "The JWK's key_ops allow only 'sign', but it holds no private key.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The JWK's <c>alg</c> when present (and the caller's, if named, must agree), else the caller's.</summary>
    private static bool TryResolveAlgorithm(in JwkMembers members, JwtAlgorithm? requested, out JwtAlgorithm algorithm, [NotNullWhen(false)] out string? error)
    {
        algorithm = default;
        if (requested is JwtAlgorithm given && !JwtAlgorithms.IsDefined(given))
        {
            error = "The algorithm named is not a JWS algorithm MiniJwt implements.";
            return false;
        }

        if (members.Alg is not null)
        {
            if (!JwtAlgorithms.TryParse(members.Alg, out algorithm))
            {
                error = "The JWK's alg is not a JWS signature algorithm MiniJwt implements (HS*, RS*, PS*, ES256, ES384, ES512).";
                return false;
            }

            if (requested is JwtAlgorithm other && other != algorithm)
            {
                error = "The JWK is bound to " + JwtAlgorithms.GetName(algorithm) + " by its alg, not to " + JwtAlgorithms.GetName(other) + ".";
                return false;
            }
        }
        else if (requested is JwtAlgorithm named)
        {
            algorithm = named;
        }
        else
        {
            error = "The JWK has no 'alg'; name the algorithm to bind the key to.";
            return false;
        }

        error = Fits(in members, algorithm);
        return error is null;
    }

    /// <summary>Null when <paramref name="algorithm"/> uses this key type (and, for EC, this curve); else why not.</summary>
    private static string? Fits(in JwkMembers members, JwtAlgorithm algorithm)
    {
        JwtAlgorithmFamily family = JwtAlgorithms.GetFamily(algorithm);
        string name = JwtAlgorithms.GetName(algorithm);
        switch (members.Kty)
        {
            case "oct":
                return family == JwtAlgorithmFamily.Hmac ? null : name + " does not use a shared secret (kty 'oct').";
            case "RSA":
                return family is JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss ? null : name + " does not use an RSA key.";
            default:
                if (family != JwtAlgorithmFamily.Ecdsa)
                {
                    return name + " does not use an EC key.";
                }

                JwkCurve? curve = JwkCurve.FromName(members.Crv);
                if (curve is null)
                {
                    return members.Crv is null
                        ? "The EC JWK has no 'crv'."
                        : "The JWK's crv is not one MiniJwt reads (P-256, P-384, P-521).";
                }

                return curve.Algorithm == algorithm ? null : name + " needs an EC key on " + JwkCurve.FromAlgorithm(algorithm).Name + ", but the JWK's crv is " + curve.Name + ".";
        }
    }

    private static bool TryBuild(in JwkMembers members, JwtAlgorithm algorithm, bool allowWeakKey, bool canSign, bool canVerify, [NotNullWhen(true)] out JwtKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        try
        {
            key = members.Kty switch
            {
                "oct" => BuildSecret(in members, algorithm, allowWeakKey, out error),
                "RSA" => BuildRsa(in members, algorithm, allowWeakKey, canSign, out error),
                _ => BuildEc(in members, algorithm, canSign, out error),
            };
        }
        catch (ArgumentException e)
        {
            error = WithoutParameterName(e);
            return false;
        }
        catch (CryptographicException e)
        {
            error = "The JWK's key could not be imported by the platform's cryptography: " + e.Message;
            return false;
        }

        if (key is null)
        {
            error ??= "The JWK holds no usable key.";
            return false;
        }

        key.RestrictJwkOperations(canSign, canVerify);
        return true;
    }

    private static HmacKey? BuildSecret(in JwkMembers members, JwtAlgorithm algorithm, bool allowWeakKey, out string? error)
    {
        if (members.K is null)
        {
            error = "The oct JWK has no 'k'.";
            return null;
        }

        error = null;
        return new HmacKey(algorithm, members.K, members.Kid, allowWeakKey);
    }

    private static RsaKey? BuildRsa(in JwkMembers members, JwtAlgorithm algorithm, bool allowWeakKey, bool canSign, out string? error)
    {
        byte[]? n = members.N, e = members.E;
        if (n is null || e is null)
        {
            error = "The RSA JWK needs 'n' and 'e'.";
            return null;
        }

        if ((error = CheckMinimal(n, "n") ?? CheckMinimal(e, "e")) is not null)
        {
            return null;
        }

        if (n.Length > MaxRsaBytes || e.Length > n.Length)
        {
            error = "The RSA JWK's modulus is larger than 16384 bits, or its exponent larger than its modulus.";
            return null;
        }

        // The exponent rule of RSA keys, checked before the platform sees the key (some refuse such keys on import).
        if ((error = RsaKey.CheckPublicExponent(e)) is not null)
        {
            return null;
        }

        if (members.HasOth)
        {
            error = "The RSA JWK has 'oth': multi-prime RSA keys are not supported.";
            return null;
        }

        bool isPrivate = members.HasRsaPrivate;
        var parameters = new RSAParameters { Modulus = n, Exponent = e };
        if (isPrivate)
        {
            if (members.D is null || members.P is null || members.Q is null || members.DP is null || members.DQ is null || members.QI is null)
            {
                error = "The RSA JWK holds part of a private key: a private key needs all of d, p, q, dp, dq and qi (RFC 7518 §6.3.2).";
                return null;
            }

            if ((error = CheckMinimal(members.D, "d") ?? CheckMinimal(members.P, "p") ?? CheckMinimal(members.Q, "q")
                ?? CheckMinimal(members.DP, "dp") ?? CheckMinimal(members.DQ, "dq") ?? CheckMinimal(members.QI, "qi")) is not null)
            {
                return null;
            }

            int half = (n.Length + 1) / 2;
            if (members.D.Length > n.Length || members.P.Length > half || members.Q.Length > half
                || members.DP.Length > half || members.DQ.Length > half || members.QI.Length > half)
            {
                error = "The RSA JWK's private values are larger than its modulus allows (keys with unbalanced primes are not supported).";
                return null;
            }

            if (!IsConsistent(in members))
            {
                error = "The RSA JWK's private values do not belong together or to its public key (p·q = n, d·e ≡ 1, dp, dq, qi).";
                return null;
            }

            if (canSign)
            {
                parameters.D = Pad(members.D, n.Length);
                parameters.P = Pad(members.P, half);
                parameters.Q = Pad(members.Q, half);
                parameters.DP = Pad(members.DP, half);
                parameters.DQ = Pad(members.DQ, half);
                parameters.InverseQ = Pad(members.QI, half);
            }
        }

        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            throw;
        }
        finally
        {
            JwtKey.ClearPrivate(parameters);
        }

        error = null;
        return new RsaKey(algorithm, rsa, isPrivate && canSign, members.Kid, allowWeakKey, "json");
    }

    private static EcKey? BuildEc(in JwkMembers members, JwtAlgorithm algorithm, bool canSign, out string? error)
    {
        JwkCurve curve = JwkCurve.FromAlgorithm(algorithm);
        byte[]? x = members.X, y = members.Y, d = members.D;
        if (x is null || y is null)
        {
            error = "The EC JWK needs 'x' and 'y'.";
            return null;
        }

        if ((error = CheckFullSize(x, "x", curve) ?? CheckFullSize(y, "y", curve) ?? (d is null ? null : CheckFullSize(d, "d", curve))) is not null)
        {
            return null;
        }

        if (!curve.IsOnCurve(x, y))
        {
            error = "The EC JWK's point (x, y) is not on " + curve.Name + ".";
            return null;
        }

        if (d is not null && !curve.IsValidScalar(d))
        {
            error = "The EC JWK's 'd' is not a private key of " + curve.Name + " (it must lie in [1, n − 1]).";
            return null;
        }

        var point = new ECPoint { X = x, Y = y };
        bool isPrivate = d is not null && canSign;
        ECDsa ecdsa = ECDsa.Create();
        try
        {
            if (!isPrivate)
            {
                ecdsa.ImportParameters(new ECParameters { Curve = curve.Curve, Q = point });
            }
            else if (!TryImportPair(ecdsa, curve, point, d!))
            {
                ecdsa.Dispose();
                error = "The EC JWK's 'd' is not the private key of its point (x, y).";
                return null;
            }
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            throw;
        }

        error = null;
        return new EcKey(algorithm, ecdsa, isPrivate, members.Kid, "json");
    }

    // Imports d and checks that it is the private key of (x, y), whatever the platform checks on import: the public
    // key derived from d alone must be (x, y); where the platform cannot derive it, a signature made with d must
    // verify with (x, y).
    private static bool TryImportPair(ECDsa ecdsa, JwkCurve curve, ECPoint point, byte[] d)
    {
        try
        {
            ecdsa.ImportParameters(new ECParameters { Curve = curve.Curve, D = d });
            ECParameters derived = ecdsa.ExportParameters(false);
            return derived.Q.X.AsSpan().SequenceEqual(point.X) && derived.Q.Y.AsSpan().SequenceEqual(point.Y);
        }
        catch (CryptographicException)
        {
            // The platform does not derive the public key: import both and check them together below.
        }

        try
        {
            ecdsa.ImportParameters(new ECParameters { Curve = curve.Curve, Q = point, D = d });
            using ECDsa publicKey = ECDsa.Create();
            publicKey.ImportParameters(new ECParameters { Curve = curve.Curve, Q = point });
            byte[] signature = ecdsa.SignData(s_probe, HashAlgorithmName.SHA256);
            return publicKey.VerifyData(s_probe, signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsConsistent(in JwkMembers m)
    {
        static BigInteger Int(byte[] value) => new(value, isUnsigned: true, isBigEndian: true);
        BigInteger n = Int(m.N!), e = Int(m.E!), d = Int(m.D!), p = Int(m.P!), q = Int(m.Q!), dp = Int(m.DP!), dq = Int(m.DQ!), qi = Int(m.QI!);
        if (p <= BigInteger.One || q <= BigInteger.One || p * q != n)
        {
            return false;
        }

        BigInteger p1 = p - 1, q1 = q - 1;
        return d % p1 == dp && d % q1 == dq
            && e * dp % p1 == BigInteger.One && e * dq % q1 == BigInteger.One
            && qi < p && qi * q % p == BigInteger.One;
    }

    private static string? CheckMinimal(byte[] value, string member) =>
        value.Length == 0 || value[0] == 0
            ? "The JWK member '" + member + "' is not a positive integer in its minimal octets (RFC 7518 §6.3: no leading zero octet)."
            : null;

    private static string? CheckFullSize(byte[] value, string member, JwkCurve curve) =>
        value.Length == curve.Size
            ? null
            : "The JWK member '" + member + "' must be exactly " + curve.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " octets for " + curve.Name + " (RFC 7518 §6.2.1.2).";

    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length == length)
        {
            return (byte[])value.Clone();
        }

        byte[] padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    // ArgumentException.Message ends with " (Parameter 'name')"; the reader reports the reason alone.
    internal static string WithoutParameterName(ArgumentException e)
    {
        string message = e.Message;
        if (e.ParamName is not null)
        {
            int at = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
            if (at > 0)
            {
                message = message.Substring(0, at);
            }
        }

        return message;
    }
}
