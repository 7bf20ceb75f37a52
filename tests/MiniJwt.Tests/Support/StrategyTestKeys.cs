using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Strategy;

/// <summary>Key material made once per test run: RSA-2048 (PKCS#1 private, SPKI public) and P-256 (PKCS#8 private, SPKI public).</summary>
public static class StrategyTestKeys
{
    public const string HmacSecret = "correct horse battery staple, 32+ bytes long, kept secret";

    private static readonly Lazy<(string Private, string Public)> s_rsa = new(() =>
    {
        using RSA rsa = RSA.Create(2048);
        return (rsa.ExportRSAPrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    private static readonly Lazy<(string Private, string Public)> s_ec = new(() =>
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ec.ExportPkcs8PrivateKeyPem(), ec.ExportSubjectPublicKeyInfoPem());
    });

    public static (string Private, string Public) Rsa => s_rsa.Value;

    public static (string Private, string Public) Ec => s_ec.Value;

    /// <summary>The <c>secret</c> and <c>public_key</c> fastapi-users' tests use for an algorithm.</summary>
    public static (string Secret, string? PublicKey) For(string algorithm) => algorithm switch
    {
        "HS256" => (HmacSecret, null),
        "RS256" => Rsa,
        "ES256" => Ec,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
