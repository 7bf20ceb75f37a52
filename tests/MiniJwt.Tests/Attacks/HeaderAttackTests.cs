using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Attacks through header parameters: <c>kid</c> injection (paths, SQL), keys and key URLs carried by the token
/// itself (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>), critical extensions (<c>crit</c>, <c>b64</c>) and
/// <c>typ</c> confusion. MiniJwt's <c>kid</c> only selects among the caller's keys (it never loads one) and
/// header keys and URLs are never used.
/// </summary>
public sealed class HeaderAttackTests
{
    private static readonly JwtValidationOptions s_hs256 = Options(JwtAlgorithm.HS256);

    // ---------------------------------------------------------------- kid

    [Theory]
    [InlineData("../../../../../../dev/null")]
    [InlineData("/dev/null")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\windows\\win.ini")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://127.0.0.1:1/key.pem")]
    [InlineData("' OR '1'='1")]
    [InlineData("x' UNION SELECT 'attacker-secret' --")]
    [InlineData("1; DROP TABLE keys; --")]
    [InlineData("| cat /etc/passwd")]
    [InlineData("$(reboot)")]
    [InlineData("%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("\0")]
    [InlineData("")]
    public void KidPathOrSqlInjection_IsReadVerbatimAndIgnoredByVerification(string kid)
    {
        // The attacker's token names a hostile kid and is signed with a key of the attacker's choosing.
        var attacker = JwtKey.FromSecret(JwtAlgorithm.HS256, "the attacker's own secret, 32 bytes or more", keyId: kid);
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload), attacker);

        // The unverified header gives the kid back verbatim, for the caller to look up among its own keys.
        Assert.True(Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out JwtError error), error.ToString());
        Assert.Equal(kid, header.KeyId);
        Assert.Equal(JwtAlgorithm.HS256, header.Algorithm);

        // Verification never follows the kid: the trusted key refuses the signature.
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidSignature);

        // And a token the trusted key did sign verifies whatever kid it claims: kid selects, it never loads.
        var trustedWithKid = JwtKey.FromSecret(JwtAlgorithm.HS256, HmacSecret, keyId: kid);
        JwtToken jwt = AssertAccepted(Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload), trustedWithKid), Hs256, s_hs256);
        Assert.Equal(kid, jwt.Header.KeyId);
    }

    [Fact]
    public void KidPointingAtDevNull_WithAMacUnderTheEmptyKey_IsInvalidSignature()
    {
        // The classic: kid "../../dev/null" makes a naive verifier read an empty file as the HMAC secret.
        string signingInput = B64("{\"alg\":\"HS256\",\"kid\":\"../../../../../../dev/null\"}") + "." + B64(ValidPayload);
        string token = signingInput + "." + B64(HMACSHA256.HashData(Array.Empty<byte>(), Encoding.ASCII.GetBytes(signingInput)));
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidSignature);

        // MiniJwt cannot even make such a key.
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(JwtAlgorithm.HS256, string.Empty, allowWeakKey: true));
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(JwtAlgorithm.HS256, ReadOnlySpan<byte>.Empty, allowWeakKey: true));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("null")]
    [InlineData("[\"k1\"]")]
    [InlineData("{\"path\":\"/dev/null\"}")]
    [InlineData("true")]
    public void KidNotAString_IsInvalidHeader(string value)
    {
        AssertRefused(Forge("{\"alg\":\"HS256\",\"kid\":" + value + "}", ValidPayload, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidHeader);
    }

    // ---------------------------------------------------------------- jwk, jku, x5u, x5c

    [Fact]
    public void EmbeddedJwk_SignedByTheAttackersEcKey_IsInvalidSignature()
    {
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string jwk = Encoding.UTF8.GetString(KeyConfusionAttackTests.EcPublicKeyBytes(attacker, PublicKeyForm.JwkText));
        string token = Forge("{\"alg\":\"ES256\",\"jwk\":" + jwk + "}", ValidPayload, JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker));

        AssertRefused(token, VerifyingKey(JwtAlgorithm.ES256), Options(JwtAlgorithm.ES256), JwtErrorCode.InvalidSignature);
    }

    [Fact]
    public void EmbeddedJwk_SignedByTheAttackersRsaKey_IsInvalidSignature()
    {
        using RSA attacker = RSA.Create(2048);
        RSAParameters p = attacker.ExportParameters(false);
        string jwk = "{\"kty\":\"RSA\",\"n\":\"" + B64(p.Modulus!) + "\",\"e\":\"" + B64(p.Exponent!) + "\"}";
        string token = Forge("{\"alg\":\"RS256\",\"jwk\":" + jwk + "}", ValidPayload, JwtKey.FromRsa(JwtAlgorithm.RS256, attacker));

        AssertRefused(token, VerifyingKey(JwtAlgorithm.RS256), Options(JwtAlgorithm.RS256), JwtErrorCode.InvalidSignature);
    }

    [Fact]
    public void EmbeddedJwk_WithTheAttackersOctSecret_IsInvalidSignature()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string token = Forge("{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + B64(secret) + "\"}}", ValidPayload, JwtKey.FromSecret(JwtAlgorithm.HS256, secret));
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidSignature);
    }

    [Fact]
    public void EmbeddedX5c_WithTheAttackersSelfSignedCertificate_IsInvalidSignature()
    {
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=trusted-issuer.example", attacker, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        string x5c = Convert.ToBase64String(certificate.RawData);
        string token = Forge("{\"alg\":\"ES256\",\"x5c\":[\"" + x5c + "\"]}", ValidPayload, JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker));

        AssertRefused(token, VerifyingKey(JwtAlgorithm.ES256), Options(JwtAlgorithm.ES256), JwtErrorCode.InvalidSignature);
    }

    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    public void KeyUrlInTheHeader_PointingAtTheAttacker_IsInvalidSignatureAndNeverFetched(string parameter)
    {
        // A listener on the loopback stands for the attacker's server: nothing may connect to it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string header = "{\"alg\":\"ES256\",\"" + parameter + "\":\"http://127.0.0.1:" + port + "/keys.json\"}";
            string token = Forge(header, ValidPayload, JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker));

            AssertRefused(token, VerifyingKey(JwtAlgorithm.ES256), Options(JwtAlgorithm.ES256), JwtErrorCode.InvalidSignature);
            Assert.True(Jwt.TryReadHeaderUnverified(token, out _, out _));
            Assert.False(listener.Pending(), "the verifier connected to the URL in the header");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void HeaderKeysAndUrls_AreIgnoredNotTrusted_TheTrustedKeyStillDecides()
    {
        // Header keys change nothing either way: a token signed by the trusted key verifies whatever they say.
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string jwk = Encoding.UTF8.GetString(KeyConfusionAttackTests.EcPublicKeyBytes(attacker, PublicKeyForm.JwkText));
        string header = "{\"alg\":\"ES256\",\"jwk\":" + jwk + ",\"jku\":\"http://127.0.0.1:1/\",\"x5u\":\"http://127.0.0.1:1/\",\"x5c\":[\"AAAA\"],\"x5t\":\"AAAA\"}";
        AssertAccepted(Forge(header, ValidPayload, SigningKey(JwtAlgorithm.ES256)), VerifyingKey(JwtAlgorithm.ES256), Options(JwtAlgorithm.ES256));
    }

    // ---------------------------------------------------------------- crit and b64

    [Theory]
    [InlineData("\"crit\":[\"exp\"],\"exp\":1")]
    [InlineData("\"crit\":[\"http://example.invalid/UNDEFINED\"],\"http://example.invalid/UNDEFINED\":true")]
    [InlineData("\"crit\":[\"x-missing\"]")]
    [InlineData("\"crit\":[]")]
    [InlineData("\"crit\":\"b64\"")]
    [InlineData("\"crit\":null")]
    [InlineData("\"crit\":{}")]
    [InlineData("\"crit\":[\"alg\"]")]
    [InlineData("\"crit\":[\"b64\"],\"b64\":true")]
    public void CritWithAnyContent_IsUnsupportedCritical(string members)
    {
        // No extension is implemented, so any crit (unknown names, empty, not an array, naming a missing or a
        // registered parameter) is refused before the signature is looked at.
        string token = Forge("{\"alg\":\"HS256\"," + members + "}", ValidPayload, Hs256);
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.UnsupportedCritical);
        AssertRefused(token[..^4] + "AAAA", Hs256, s_hs256, JwtErrorCode.UnsupportedCritical);
    }

    [Theory]
    [InlineData("\"b64\":false")]
    [InlineData("\"b64\":false,\"crit\":[\"b64\"]")]
    [InlineData("\"crit\":[\"b64\"],\"b64\":false")]
    [InlineData("\"b64\":\"false\"")]
    [InlineData("\"b64\":0")]
    [InlineData("\"b64\":null")]
    public void B64False_UnencodedPayloadOption_IsUnsupportedCritical(string members)
    {
        string token = Forge("{\"alg\":\"HS256\"," + members + "}", ValidPayload, Hs256);
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.UnsupportedCritical);
    }

    [Fact]
    public void B64False_WithARawOrDetachedPayload_IsRefused()
    {
        // RFC 7797 §4.2: the payload "$.02" travels unencoded, and detached as an empty segment.
        string header = B64("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}");
        string raw = SignInput(header + ".$.02", Hs256);
        AssertRefused(raw, Hs256, s_hs256, JwtErrorCode.Malformed);

        string detached = header + ".." + raw[(raw.LastIndexOf('.') + 1)..];
        AssertRefused(detached, Hs256, s_hs256, JwtErrorCode.UnsupportedCritical);
    }

    [Fact]
    public void B64True_IsTheDefaultAndHarmless()
    {
        AssertAccepted(Forge("{\"alg\":\"HS256\",\"b64\":true}", ValidPayload, Hs256), Hs256, s_hs256);
    }

    // ---------------------------------------------------------------- typ

    [Theory]
    [InlineData("\"typ\":\"at+jwt\"")]
    [InlineData("\"typ\":\"JOSE\"")]
    [InlineData("\"typ\":\"JWT \"")]
    [InlineData("\"typ\":\"application/jwt/x\"")]
    [InlineData("\"typ\":\"\"")]
    [InlineData("\"cty\":\"JWT\"")]
    [InlineData("\"TYP\":\"JWT\"")]
    [InlineData("")]
    public void TypMismatch_WhenATypeIsRequired_IsInvalidType(string members)
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, Type = "JWT" };
        string header = members.Length == 0 ? "{\"alg\":\"HS256\"}" : "{\"alg\":\"HS256\"," + members + "}";
        AssertRefused(Forge(header, ValidPayload, Hs256), Hs256, options, JwtErrorCode.InvalidType);

        // Without a required type, typ is not checked.
        AssertAccepted(Forge(header, ValidPayload, Hs256), Hs256, s_hs256);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    [InlineData("application/jwt")]
    [InlineData("Application/JWT")]
    public void TypMatch_IsCaseInsensitiveWithAnOptionalApplicationPrefix(string typ)
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, Type = "JWT" };
        AssertAccepted(Forge("{\"alg\":\"HS256\",\"typ\":\"" + typ + "\"}", ValidPayload, Hs256), Hs256, options);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("[\"JWT\"]")]
    public void TypNotAString_IsInvalidHeader(string value)
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, Type = "JWT" };
        AssertRefused(Forge("{\"alg\":\"HS256\",\"typ\":" + value + "}", ValidPayload, Hs256), Hs256, options, JwtErrorCode.InvalidHeader);
        AssertRefused(Forge("{\"alg\":\"HS256\",\"cty\":" + value + "}", ValidPayload, Hs256), Hs256, s_hs256, JwtErrorCode.InvalidHeader);
    }
}
