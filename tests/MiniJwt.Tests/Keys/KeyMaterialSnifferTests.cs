using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>Issue 10, finding 2: public and private keys in their other spellings are never HMAC secrets; random secrets are.</summary>
public sealed class KeyMaterialSnifferTests
{
    private static readonly Lazy<byte[]> s_ecSpki = new(() =>
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportSubjectPublicKeyInfo();
    });

    private static readonly Lazy<byte[]> s_certificate = new(() =>
    {
        var request = new CertificateRequest("CN=minijwt test", TestKeys.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.RawData;
    });

    public static TheoryData<string, string> PublicKeySpellings => new()
    {
        { "spki-base64", "Base64 of a DER public key" },
        { "spki-base64-wrapped", "Base64 of a DER public key" },
        { "spki-base64-crlf", "Base64 of a DER public key" },
        { "spki-base64url-unpadded", "Base64 of a DER public key" },
        { "ec-spki-base64", "Base64 of a DER public key" },
        { "pkcs1-public-base64", "Base64 of a DER RSA public key (PKCS#1)" },
        { "pkcs1-public-base64-wrapped", "Base64 of a DER RSA public key (PKCS#1)" },
        { "pkcs1-private-base64", "Base64 of a DER RSA private key (PKCS#1)" },
        { "pkcs8-base64", "Base64 of a DER private key (PKCS#8)" },
        { "sec1-base64", "Base64 of a DER EC private key (SEC1)" },
        { "x5c-certificate-base64", "Base64 of a DER X.509 certificate" },
        { "der-newline", "with trailing bytes" },
        { "der-crlf", "with trailing bytes" },
        { "der-nul", "with trailing bytes" },
        { "pkcs1-der-newline", "with trailing bytes" },
        { "hex-lower", "hex of a DER public key" },
        { "hex-upper", "hex of a DER public key" },
        { "hex-colons", "hex of a DER public key" },
        { "jwk-in-array", "a JWK" },
        { "jwk-set", "a JWK" },
        { "jwk-after-bom", "a byte order mark and a JWK" },
        { "jwk-escaped-kty", "a JWK" },
        { "jwk-escaped-k", "a JWK" },
        { "pem-four-dashes", "PEM text" },
        { "pem-lower-case-begin", "PEM text" },
        { "pem-ssh2", "PEM text" },
        { "pem-utf16le-bom", "UTF-16LE text holding PEM text" },
        { "pem-utf16le", "UTF-16LE text holding PEM text" },
        { "pem-utf16be-bom", "UTF-16BE text holding PEM text" },
        { "pem-after-bom", "a byte order mark and PEM text" },
        { "ssh-sk-ecdsa", "an SSH key ('sk-ecdsa-sha2-nistp256@openssh.com" },
        { "ssh-sk-ed25519", "an SSH key ('sk-ssh-ed25519@openssh.com" },
        { "ssh-upper-case", "an SSH key" },
    };

    [Theory]
    [MemberData(nameof(PublicKeySpellings))]
    public void Finding02_PublicKeyInAnotherSpelling_IsRefusedAsHmacSecret_SayingWhatWasSeen(string spelling, string seen)
    {
        byte[] secret = Spell(spelling);
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512])
        {
            ArgumentException refused = Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(algorithm, secret, allowWeakKey: true));
            Assert.Contains("public or private key", refused.Message, StringComparison.Ordinal);
            Assert.Contains(seen, refused.Message, StringComparison.Ordinal);
        }

        if (!spelling.Contains("utf16", StringComparison.Ordinal) && !spelling.StartsWith("der", StringComparison.Ordinal) && !spelling.StartsWith("pkcs1-der", StringComparison.Ordinal))
        {
            string text = Encoding.UTF8.GetString(secret);
            Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, text, allowWeakKey: true));
        }
    }

    [Fact]
    public void Finding02_TheStrategyRefusesABase64PublicKeyAsSecret()
    {
        string secret = Convert.ToBase64String(TestKeys.Rsa.ExportSubjectPublicKeyInfo());
        Assert.Throws<ArgumentException>(() => new MiniJwt.Strategy.JwtStrategy<MiniJwt.Tests.Strategy.TestUser, Guid>(secret: secret, lifetimeSeconds: 3600));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("{\"a\":\"a JSON secret without a key type, 32+ bytes long\"}")]
    [InlineData("[\"an array, a secret all the same, long enough\"]")]
    [InlineData("ssh is a protocol; this secret is long enough to pass")]
    [InlineData("my-secret---with-dashes---but-no-begin-line-0123456789")]
    [InlineData("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")] // the start of an SPKI in Base64, but not a whole key
    public void Finding02_SecretsThatOnlyResembleKeys_StayAccepted(string secret)
    {
        Assert.Null(KeyMaterialSniffer.Describe(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(JwtAlgorithm.HS256, JwtKey.FromSecret(JwtAlgorithm.HS256, secret, allowWeakKey: true).Algorithm);
    }

    [Fact]
    public void Finding02_TruncatedOrExtendedDer_IsNotMistakenForAKey()
    {
        byte[] der = TestKeys.Rsa.ExportSubjectPublicKeyInfo();
        Assert.Null(KeyMaterialSniffer.Describe(der.AsSpan(0, der.Length - 1)));
        Assert.Null(KeyMaterialSniffer.Describe([.. der, .. new byte[] { 0x01, 0x02 }]));
        Assert.NotNull(KeyMaterialSniffer.Describe(der));
    }

    [Property(MaxTest = 1000)]
    public Property Finding02_RandomSecretsInTheUsualSpellings_StayAccepted() =>
        Prop.ForAll(Arb.From(RandomSecrets), secret =>
            KeyMaterialSniffer.Describe(secret) is null
            && JwtKey.FromSecret(JwtAlgorithm.HS256, secret).KeySizeInBits == secret.Length * 8);

    [Fact]
    public void Finding02_CryptographicallyRandomSecrets_StayAccepted()
    {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 2000; i++)
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[0] = i % 2 == 0 ? (byte)0x30 : bytes[0]; // half of them start like a DER SEQUENCE
            Assert.Null(KeyMaterialSniffer.Describe(bytes));
            Assert.Null(KeyMaterialSniffer.Describe(Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes))));
            Assert.Null(KeyMaterialSniffer.Describe(Encoding.ASCII.GetBytes(Convert.ToHexString(bytes))));
        }
    }

    // `openssl rand 32`, `openssl rand -base64 32` (also 48 and 64), `openssl rand -hex 32`, in either case.
    private static Gen<byte[]> RandomSecrets =>
        from length in Gen.Elements(32, 48, 64)
        from raw in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), length)
        from spelling in Gen.Choose(0, 4)
        select spelling switch
        {
            0 => raw,
            1 => Encoding.ASCII.GetBytes(Convert.ToBase64String(raw) + "\n"),
            2 => Encoding.ASCII.GetBytes(Convert.ToHexString(raw).ToLowerInvariant() + "\n"),
            3 => Encoding.ASCII.GetBytes(Convert.ToHexString(raw)),
            _ => Encoding.ASCII.GetBytes(Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
        };

    private static byte[] Spell(string spelling)
    {
        RSA rsa = TestKeys.Rsa;
        byte[] spki = rsa.ExportSubjectPublicKeyInfo();
        string jwk = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" + Convert.ToBase64String(rsa.ExportParameters(false).Modulus!).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"}";
        string pem = rsa.ExportSubjectPublicKeyInfoPem();
        return spelling switch
        {
            "spki-base64" => Ascii(Convert.ToBase64String(spki)),
            "spki-base64-wrapped" => Ascii(Convert.ToBase64String(spki, Base64FormattingOptions.InsertLineBreaks)),
            "spki-base64-crlf" => Ascii(Wrap(Convert.ToBase64String(spki), 64, "\r\n") + "\r\n"),
            "spki-base64url-unpadded" => Ascii(Convert.ToBase64String(spki).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
            "ec-spki-base64" => Ascii(Convert.ToBase64String(s_ecSpki.Value)),
            "pkcs1-public-base64" => Ascii(Convert.ToBase64String(rsa.ExportRSAPublicKey())),
            "pkcs1-public-base64-wrapped" => Ascii(Wrap(Convert.ToBase64String(rsa.ExportRSAPublicKey()), 64, "\n")),
            "pkcs1-private-base64" => Ascii(Convert.ToBase64String(rsa.ExportRSAPrivateKey())),
            "pkcs8-base64" => Ascii(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            "sec1-base64" => Ascii(Convert.ToBase64String(EcPrivateKey())),
            "x5c-certificate-base64" => Ascii(Convert.ToBase64String(s_certificate.Value)),
            "der-newline" => [.. spki, (byte)'\n'],
            "der-crlf" => [.. spki, (byte)'\r', (byte)'\n'],
            "der-nul" => [.. spki, 0],
            "pkcs1-der-newline" => [.. rsa.ExportRSAPublicKey(), (byte)'\n'],
            "hex-lower" => Ascii(Convert.ToHexString(spki).ToLowerInvariant()),
            "hex-upper" => Ascii(Convert.ToHexString(spki) + "\n"),
            "hex-colons" => Ascii(string.Join(':', spki.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))),
            "jwk-in-array" => Ascii("[" + jwk + "]"),
            "jwk-set" => Ascii("{\"keys\":[" + jwk + "]}"),
            "jwk-after-bom" => [0xEF, 0xBB, 0xBF, .. Ascii(jwk)],
            "jwk-escaped-kty" => Ascii(jwk.Replace("\"kty\"", "\"\\u006bty\"", StringComparison.Ordinal)),
            "jwk-escaped-k" => Ascii(jwk.Replace("\"kty\"", "\"\\u006B\\u0074\\u0079\"", StringComparison.Ordinal)),
            "pem-four-dashes" => Ascii(pem.Replace("-----", "----", StringComparison.Ordinal)),
            "pem-lower-case-begin" => Ascii(pem.Replace("BEGIN", "begin", StringComparison.Ordinal)),
            "pem-ssh2" => Ascii("---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA2zh4MrKj5Qvrl\n---- END SSH2 PUBLIC KEY ----\n"),
            "pem-utf16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(pem)],
            "pem-utf16le" => Encoding.Unicode.GetBytes(pem),
            "pem-utf16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(pem)],
            "pem-after-bom" => [0xEF, 0xBB, 0xBF, .. Ascii(pem)],
            "ssh-sk-ecdsa" => Ascii("sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBA user@host"),
            "ssh-sk-ed25519" => Ascii("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIHE user@host"),
            "ssh-upper-case" => Ascii("SSH-RSA AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA2zh4MrKj5QvrlXd8Q4Qy user@host"),
            _ => throw new ArgumentOutOfRangeException(nameof(spelling)),
        };
    }

    private static byte[] EcPrivateKey()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportECPrivateKey();
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static string Wrap(string text, int width, string newline) =>
        string.Join(newline, Enumerable.Range(0, (text.Length + width - 1) / width).Select(i => text.Substring(i * width, Math.Min(width, text.Length - (i * width)))));
}
