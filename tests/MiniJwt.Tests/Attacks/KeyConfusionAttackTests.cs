using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>The forms in which an attacker finds a verifier's public key and feeds it to HMAC as the secret.</summary>
public enum PublicKeyForm
{
    SpkiPem,
    SpkiPemWithTrailingNewline,
    Pkcs1Pem,
    SpkiDer,
    Pkcs1Der,
    JwkText,
    JwkTextPrettyPrinted,
}

/// <summary>
/// HMAC/RSA and HMAC/EC key confusion: the attacker signs an HS256 token using the verifier's trusted public key
/// (which is public) as the HMAC secret, hoping the verifier will "verify" it with the same bytes. In MiniJwt the
/// attack fails twice over: a public key cannot become an HMAC secret (<see cref="JwtKey.FromSecret(JwtAlgorithm, string, string?, bool)"/>
/// refuses PEM, DER and JWK text), and an RSA or EC key never verifies an HS* token (KeyAlgorithmMismatch),
/// also when the allow-list holds both families.
/// </summary>
public sealed class KeyConfusionAttackTests
{
    public static readonly TheoryData<PublicKeyForm> RsaForms = new(Enum.GetValues<PublicKeyForm>());

    public static readonly TheoryData<PublicKeyForm> EcForms = new(
        PublicKeyForm.SpkiPem, PublicKeyForm.SpkiPemWithTrailingNewline, PublicKeyForm.SpkiDer, PublicKeyForm.JwkText, PublicKeyForm.JwkTextPrettyPrinted);

    [Theory]
    [MemberData(nameof(RsaForms))]
    public void HmacRsaKeyConfusion_ThePublicKeyCannotBecomeAnHmacSecret(PublicKeyForm form)
    {
        AssertNoHmacKeyFrom(RsaPublicKeyBytes(form));
    }

    [Theory]
    [MemberData(nameof(EcForms))]
    public void HmacEcKeyConfusion_ThePublicKeyCannotBecomeAnHmacSecret(PublicKeyForm form)
    {
        AssertNoHmacKeyFrom(EcPublicKeyBytes(P256, form));
    }

    [Theory]
    [MemberData(nameof(RsaForms))]
    public void HmacRsaKeyConfusion_Hs256ForgedWithThePublicKey_IsRefusedByTheRsaKey(PublicKeyForm form)
    {
        string token = ForgeHs256(RsaPublicKeyBytes(form));
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.RS256, JwtAlgorithm.PS256])
        {
            JwtKey trusted = JwtKey.FromPem(algorithm, Rsa.ExportSubjectPublicKeyInfoPem());
            AssertRefusedEveryWay(token, trusted);
            AssertRefusedEveryWay(token, SigningKey(algorithm));
        }
    }

    [Theory]
    [MemberData(nameof(EcForms))]
    public void HmacEcKeyConfusion_Hs256ForgedWithThePublicKey_IsRefusedByTheEcKey(PublicKeyForm form)
    {
        string token = ForgeHs256(EcPublicKeyBytes(P256, form));
        JwtKey trusted = JwtKey.FromPem(JwtAlgorithm.ES256, P256.ExportSubjectPublicKeyInfoPem());
        AssertRefusedEveryWay(token, trusted);
        AssertRefusedEveryWay(token, SigningKey(JwtAlgorithm.ES256));
    }

    [Fact]
    public void HmacEcKeyConfusion_ADerKeyEndingInAByteThatLooksLikeWhitespace_IsStillRefused()
    {
        // An EC public key's DER ends with the last byte of Y: one key in 64 ends in 0x09, 0x0A, 0x0D or 0x20.
        for (int found = 0, tries = 0; found < 4; tries++)
        {
            Assert.True(tries < 100_000, "no such key found");
            using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] der = ecdsa.ExportSubjectPublicKeyInfo();
            if (der[^1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                AssertNoHmacKeyFrom(der);
                found++;
            }
        }
    }

    [Fact]
    public void HmacKeyConfusion_APrivateKeyInAnyFormIsNoHmacSecretEither()
    {
        AssertNoHmacKeyFrom(Encoding.UTF8.GetBytes(Rsa.ExportRSAPrivateKeyPem()));
        AssertNoHmacKeyFrom(Encoding.UTF8.GetBytes(Rsa.ExportPkcs8PrivateKeyPem()));
        AssertNoHmacKeyFrom(Encoding.UTF8.GetBytes(P256.ExportECPrivateKeyPem()));
        AssertNoHmacKeyFrom(Rsa.ExportRSAPrivateKey());
        AssertNoHmacKeyFrom(Rsa.ExportPkcs8PrivateKey());
        AssertNoHmacKeyFrom(P256.ExportPkcs8PrivateKey());
        AssertNoHmacKeyFrom(P384.ExportPkcs8PrivateKey());
    }

    [Fact]
    public void HmacRsaKeyConfusion_APemKeyForAnHmacAlgorithm_IsRefused()
    {
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512])
        {
            Assert.Throws<ArgumentException>(() => JwtKey.FromPem(algorithm, Rsa.ExportSubjectPublicKeyInfoPem()));
            Assert.Throws<ArgumentException>(() => JwtKey.FromPem(algorithm, P256.ExportSubjectPublicKeyInfoPem()));
            Assert.Throws<ArgumentException>(() => JwtKey.FromRsa(algorithm, Rsa));
            Assert.Throws<ArgumentException>(() => JwtKey.FromECDsa(algorithm, P256));
        }
    }

    private static string ForgeHs256(byte[] secret)
    {
        string signingInput = B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64(ValidPayload);
        return signingInput + "." + B64(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static void AssertRefusedEveryWay(string token, JwtKey trusted)
    {
        // Only the trusted key's own algorithm allowed: the allow-list stops it first.
        AssertRefused(token, trusted, Options(trusted.Algorithm), JwtErrorCode.AlgorithmNotAllowed);

        // Both families allowed, or all twelve: the key's binding stops it.
        AssertRefused(token, trusted, Options(trusted.Algorithm, JwtAlgorithm.HS256), JwtErrorCode.KeyAlgorithmMismatch);
        AssertRefused(token, trusted, Options(JwtAlgorithms.All.ToArray()), JwtErrorCode.KeyAlgorithmMismatch);
    }

    private static void AssertNoHmacKeyFrom(byte[] publicKey)
    {
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512])
        {
            ArgumentException refused = Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, publicKey));
            Assert.Contains("public or private key", refused.Message, StringComparison.Ordinal);

            // Not even when weak keys are allowed: the check is about what the bytes are, not their length.
            Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, publicKey, allowWeakKey: true));
            if (IsText(publicKey))
            {
                string text = Encoding.UTF8.GetString(publicKey);
                Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, text));
                Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, text, allowWeakKey: true));
            }
        }
    }

    private static bool IsText(byte[] bytes) => bytes.All(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r');

    internal static byte[] RsaPublicKeyBytes(PublicKeyForm form)
    {
        RSAParameters p = Rsa.ExportParameters(false);
        return form switch
        {
            PublicKeyForm.SpkiPem => Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem()),
            PublicKeyForm.SpkiPemWithTrailingNewline => Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem() + "\n"),
            PublicKeyForm.Pkcs1Pem => Encoding.UTF8.GetBytes(Rsa.ExportRSAPublicKeyPem()),
            PublicKeyForm.SpkiDer => Rsa.ExportSubjectPublicKeyInfo(),
            PublicKeyForm.Pkcs1Der => Rsa.ExportRSAPublicKey(),
            PublicKeyForm.JwkText => Encoding.UTF8.GetBytes("{\"kty\":\"RSA\",\"n\":\"" + B64(p.Modulus!) + "\",\"e\":\"" + B64(p.Exponent!) + "\"}"),
            _ => Encoding.UTF8.GetBytes("{\n  \"e\": \"" + B64(p.Exponent!) + "\",\n  \"kty\": \"RSA\",\n  \"n\": \"" + B64(p.Modulus!) + "\"\n}\n"),
        };
    }

    internal static byte[] EcPublicKeyBytes(ECDsa ecdsa, PublicKeyForm form)
    {
        ECParameters p = ecdsa.ExportParameters(false);
        string jwk = "\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + B64(p.Q.X!) + "\",\"y\":\"" + B64(p.Q.Y!) + "\"";
        return form switch
        {
            PublicKeyForm.SpkiPem => Encoding.UTF8.GetBytes(ecdsa.ExportSubjectPublicKeyInfoPem()),
            PublicKeyForm.SpkiPemWithTrailingNewline => Encoding.UTF8.GetBytes(ecdsa.ExportSubjectPublicKeyInfoPem() + "\n"),
            PublicKeyForm.SpkiDer => ecdsa.ExportSubjectPublicKeyInfo(),
            PublicKeyForm.JwkText => Encoding.UTF8.GetBytes("{" + jwk + "}"),
            PublicKeyForm.JwkTextPrettyPrinted => Encoding.UTF8.GetBytes("  {\n    " + jwk.Replace(",", ",\n    ", StringComparison.Ordinal) + "\n  }\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
    }
}
