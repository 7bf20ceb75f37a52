using System.Linq;
using Microsoft.IdentityModel.Tokens;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary><see cref="JwtKey.ComputeJwkThumbprint"/> (RFC 7638): the RFC's example, and IdentityModel as the oracle for every algorithm.</summary>
public class JwkThumbprintTests
{
    public static TheoryData<JwtAlgorithm> Algorithms => new(JwtAlgorithms.All.ToArray());

    [Fact]
    public void Rfc7638_section_3_1_example()
    {
        Assert.Equal(RfcJwks.Rfc7638Thumbprint, JwtKey.FromJwk(RfcJwks.Rfc7638Rsa).ComputeJwkThumbprint());
    }

    [Fact]
    public void Thumbprint_depends_on_the_key_material_only()
    {
        // RFC 7517 A.2's private RSA key has the modulus of RFC 7638's example: same thumbprint, whatever kid, alg or d.
        Assert.Equal(RfcJwks.Rfc7638Thumbprint, JwtKey.FromJwk(RfcJwks.A2Rsa).ComputeJwkThumbprint());
        Assert.Equal(RfcJwks.Rfc7638Thumbprint, JwtKey.FromJwk(JwkReaderTests.Without(JwkReaderTests.With(RfcJwks.A1Rsa, "kid", "other"), "alg"), JwtAlgorithm.PS512).ComputeJwkThumbprint());
        Assert.NotEqual(RfcJwks.Rfc7638Thumbprint, JwtKey.FromJwk(RfcJwks.BRsa, JwtAlgorithm.RS256).ComputeJwkThumbprint());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Thumbprint_agrees_with_IdentityModel(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm, "k");
        var jwk = new JsonWebKey(key.ToJwk(includePrivate: key is HmacKey));
        string expected = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        Assert.Equal(expected, key.ComputeJwkThumbprint());
        Assert.Equal(43, expected.Length);
    }

    [Fact]
    public void Thumbprint_of_the_published_EC_keys_agrees_with_IdentityModel()
    {
        foreach (string json in new[] { RfcJwks.R3_2Ec, JwkReaderTests.With(RfcJwks.A1Ec, "use", "sig") })
        {
            JwtKey key = JwtKey.FromJwk(json, json.Contains("P-521", System.StringComparison.Ordinal) ? JwtAlgorithm.ES512 : JwtAlgorithm.ES256);
            Assert.Equal(Base64UrlEncoder.Encode(new JsonWebKey(json).ComputeJwkThumbprint()), key.ComputeJwkThumbprint());
        }
    }
}
