using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>HMAC keys: the pooled states never go back dirty (issue 10, smaller finding) and the refusal says what was seen.</summary>
public sealed class HmacKeyTests
{
    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.HS384)]
    [InlineData(JwtAlgorithm.HS512)]
    public void SmallerFinding_TryGetHashAndResetIsChecked_SignIntoAShortDestination_FailsAndLeavesNoDirtyStateInThePool(JwtAlgorithm algorithm)
    {
        byte[] secret = Encoding.ASCII.GetBytes(TestKeys.Secret64);
        JwtKey key = JwtKey.FromSecret(algorithm, secret);
        byte[] input = "header.payload"u8.ToArray();
        byte[] expected = algorithm switch
        {
            JwtAlgorithm.HS256 => HMACSHA256.HashData(secret, input),
            JwtAlgorithm.HS384 => HMACSHA384.HashData(secret, input),
            _ => HMACSHA512.HashData(secret, input),
        };

        byte[] shortDestination = new byte[key.SignatureSize - 1];
        Assert.Throws<ArgumentException>("destination", () => key.Sign("something else"u8, shortDestination));
        Assert.All(shortDestination, b => Assert.Equal(0, b));

        // The same thread rents the same pool slot first: a state still holding "something else" would give another MAC.
        for (int i = 0; i < 4; i++)
        {
            byte[] mac = new byte[key.SignatureSize];
            Assert.Equal(expected.Length, key.Sign(input, mac));
            Assert.Equal(expected, mac);
            Assert.True(key.Verify(input, expected));
        }
    }

    [Fact]
    public void Finding02_TheRefusalSaysWhatWasSeen()
    {
        string secret = Convert.ToBase64String(TestKeys.Rsa.ExportSubjectPublicKeyInfo());
        ArgumentException refused = Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, secret));
        Assert.Contains("it is Base64 of a DER public key (SubjectPublicKeyInfo)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("JwtKey.FromPem", refused.Message, StringComparison.Ordinal);
    }
}
