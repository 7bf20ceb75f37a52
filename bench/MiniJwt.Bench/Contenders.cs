using System;
using System.Collections.Generic;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Running;
using Microsoft.IdentityModel.Tokens;

namespace MiniJwt.Bench;

/// <summary>
/// Microsoft.IdentityModel set-up shared by <c>JsonWebTokenHandler</c> and <c>JwtSecurityTokenHandler</c>:
/// the same key material as every other contender, wrapped in IdentityModel's key types.
/// </summary>
internal static class IdentityModelSetup
{
    /// <summary>The signing credentials for <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    /// <returns>The credentials.</returns>
    public static SigningCredentials SigningCredentials(JwtAlgorithm algorithm)
    {
        SecurityKey key = JwtAlgorithms.GetFamily(algorithm) switch
        {
            JwtAlgorithmFamily.Hmac => new SymmetricSecurityKey(BenchKeys.HmacSecret(algorithm)),
            JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => new RsaSecurityKey(BenchKeys.RsaPrivate),
            _ => new ECDsaSecurityKey(BenchKeys.EcPrivate),
        };
        return new SigningCredentials(key, JwtAlgorithms.GetName(algorithm));
    }

    /// <summary>
    /// The validation parameters equal to MiniJwt's options: signature with the one algorithm, <c>exp</c> required
    /// and checked, <c>nbf</c> checked, the audience checked, zero clock skew. The issuer is not checked (nor by
    /// MiniJwt).
    /// </summary>
    /// <param name="algorithm">The accepted algorithm.</param>
    /// <returns>The parameters.</returns>
    public static TokenValidationParameters ValidationParameters(JwtAlgorithm algorithm)
    {
        SecurityKey key = JwtAlgorithms.GetFamily(algorithm) switch
        {
            JwtAlgorithmFamily.Hmac => new SymmetricSecurityKey(BenchKeys.HmacSecret(algorithm)),
            JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => new RsaSecurityKey(BenchKeys.RsaPublic),
            _ => new ECDsaSecurityKey(BenchKeys.EcPublic),
        };
        return new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [JwtAlgorithms.GetName(algorithm)],
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = true,
            ValidAudience = BenchPayloads.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        };
    }
}

/// <summary>jose-jwt set-up: its algorithm enum and the key objects it takes (bytes, <c>RSA</c>, <c>ECDsa</c>).</summary>
internal static class JoseSetup
{
    /// <summary>jose-jwt's name for <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    /// <returns>The jose-jwt algorithm.</returns>
    public static Jose.JwsAlgorithm Algorithm(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 => Jose.JwsAlgorithm.HS256,
        JwtAlgorithm.HS384 => Jose.JwsAlgorithm.HS384,
        JwtAlgorithm.HS512 => Jose.JwsAlgorithm.HS512,
        JwtAlgorithm.RS256 => Jose.JwsAlgorithm.RS256,
        JwtAlgorithm.PS256 => Jose.JwsAlgorithm.PS256,
        JwtAlgorithm.ES256 => Jose.JwsAlgorithm.ES256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The signing key object for <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    /// <returns>The key.</returns>
    public static object SigningKey(JwtAlgorithm algorithm) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => BenchKeys.HmacSecret(algorithm),
        JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => BenchKeys.RsaPrivate,
        _ => BenchKeys.EcPrivate,
    };

    /// <summary>The verification key object for <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    /// <returns>The key.</returns>
    public static object VerificationKey(JwtAlgorithm algorithm) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => BenchKeys.HmacSecret(algorithm),
        JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => BenchKeys.RsaPublic,
        _ => BenchKeys.EcPublic,
    };
}

/// <summary>JWT (Jwt.Net) 7.3.1 set-up. It implements HS256, HS384, HS512 and RS256 only.</summary>
internal static class JwtNetSetup
{
    /// <summary>The algorithms Jwt.Net 7.3.1 lacks; its benchmarks are filtered out for them.</summary>
    public static readonly JwtAlgorithm[] Unsupported = [JwtAlgorithm.PS256, JwtAlgorithm.ES256];

    /// <summary>The algorithm object; for RS256 it holds the public key, and the private key too when signing.</summary>
    /// <param name="algorithm">HS256, HS384, HS512 or RS256.</param>
    /// <param name="forSigning">Whether the private key is needed.</param>
    /// <returns>The algorithm.</returns>
    public static global::JWT.Algorithms.IJwtAlgorithm Algorithm(JwtAlgorithm algorithm, bool forSigning) => algorithm switch
    {
        JwtAlgorithm.HS256 => new global::JWT.Algorithms.HMACSHA256Algorithm(),
        JwtAlgorithm.HS384 => new global::JWT.Algorithms.HMACSHA384Algorithm(),
        JwtAlgorithm.HS512 => new global::JWT.Algorithms.HMACSHA512Algorithm(),
        JwtAlgorithm.RS256 => forSigning
            ? new global::JWT.Algorithms.RS256Algorithm(BenchKeys.RsaPublic, BenchKeys.RsaPrivate)
            : new global::JWT.Algorithms.RS256Algorithm(BenchKeys.RsaPublic),
        _ => throw new NotSupportedException($"JWT (Jwt.Net) 7.3.1 has no {algorithm}."),
    };

    /// <summary>
    /// The key bytes Jwt.Net's encoder and decoder take: the secret for HMAC. For RS256 the RSA objects inside the
    /// algorithm do the work and the bytes are ignored, but the decoder refuses an empty key, so it gets the
    /// public key's SubjectPublicKeyInfo.
    /// </summary>
    /// <param name="algorithm">HS256, HS384, HS512 or RS256.</param>
    /// <returns>The key bytes.</returns>
    public static byte[] Key(JwtAlgorithm algorithm) =>
        JwtAlgorithms.GetFamily(algorithm) == JwtAlgorithmFamily.Hmac
            ? BenchKeys.HmacSecret(algorithm)
            : BenchKeys.RsaPublic.ExportSubjectPublicKeyInfo();
}

/// <summary>
/// Marks a benchmark method that does not apply to some values of the <c>Algorithm</c> parameter (a contender
/// that lacks the algorithm, or an HMAC-only variant); <see cref="AlgorithmSupportConfig"/> leaves those cases out.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkipForAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="algorithms">The algorithms the method does not run for.</param>
    public SkipForAttribute(params JwtAlgorithm[] algorithms) => Algorithms = algorithms;

    /// <summary>The algorithms the method does not run for.</summary>
    public IReadOnlyList<JwtAlgorithm> Algorithms { get; }
}

/// <summary>Leaves out the (method, algorithm) cases marked with <see cref="SkipForAttribute"/>.</summary>
public sealed class AlgorithmSupportConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public AlgorithmSupportConfig() => AddFilter(new SimpleFilter(IsSupported));

    private static bool IsSupported(BenchmarkCase benchmarkCase)
    {
        SkipForAttribute? skip = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<SkipForAttribute>();
        if (skip is null)
        {
            return true;
        }

        foreach (ParameterInstance parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Value is JwtAlgorithm algorithm && Contains(skip.Algorithms, algorithm))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<JwtAlgorithm> algorithms, JwtAlgorithm algorithm)
    {
        foreach (JwtAlgorithm candidate in algorithms)
        {
            if (candidate == algorithm)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The benchmark categories, one per contender, so that <c>--anyCategories</c> picks contenders
/// (for example <c>--anyCategories Raw MiniJwt</c>).
/// </summary>
public static class Contender
{
    /// <summary>The bare primitive (the baseline, and the one-shot HMAC variant).</summary>
    public const string Raw = "Raw";

    /// <summary>MiniJwt.</summary>
    public const string MiniJwt = "MiniJwt";

    /// <summary>Microsoft.IdentityModel.JsonWebTokens (<c>JsonWebTokenHandler</c>).</summary>
    public const string IdentityModel = "IdentityModel";

    /// <summary>System.IdentityModel.Tokens.Jwt (<c>JwtSecurityTokenHandler</c>).</summary>
    public const string SystemIdentityModel = "SystemIdentityModel";

    /// <summary>jose-jwt.</summary>
    public const string JoseJwt = "JoseJwt";

    /// <summary>JWT (Jwt.Net).</summary>
    public const string JwtNet = "JwtNet";
}
