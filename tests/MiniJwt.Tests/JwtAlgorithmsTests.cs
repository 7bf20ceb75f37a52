using System;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace MiniJwt.Tests;

public class JwtAlgorithmsTests
{
    public static TheoryData<JwtAlgorithm, string> Names => new()
    {
        { JwtAlgorithm.HS256, "HS256" },
        { JwtAlgorithm.HS384, "HS384" },
        { JwtAlgorithm.HS512, "HS512" },
        { JwtAlgorithm.RS256, "RS256" },
        { JwtAlgorithm.RS384, "RS384" },
        { JwtAlgorithm.RS512, "RS512" },
        { JwtAlgorithm.PS256, "PS256" },
        { JwtAlgorithm.PS384, "PS384" },
        { JwtAlgorithm.PS512, "PS512" },
        { JwtAlgorithm.ES256, "ES256" },
        { JwtAlgorithm.ES384, "ES384" },
        { JwtAlgorithm.ES512, "ES512" },
    };

    public static TheoryData<JwtAlgorithm, int> Families => new()
    {
        { JwtAlgorithm.HS256, (int)JwtAlgorithmFamily.Hmac },
        { JwtAlgorithm.HS384, (int)JwtAlgorithmFamily.Hmac },
        { JwtAlgorithm.HS512, (int)JwtAlgorithmFamily.Hmac },
        { JwtAlgorithm.RS256, (int)JwtAlgorithmFamily.Rsa },
        { JwtAlgorithm.RS384, (int)JwtAlgorithmFamily.Rsa },
        { JwtAlgorithm.RS512, (int)JwtAlgorithmFamily.Rsa },
        { JwtAlgorithm.PS256, (int)JwtAlgorithmFamily.RsaPss },
        { JwtAlgorithm.PS384, (int)JwtAlgorithmFamily.RsaPss },
        { JwtAlgorithm.PS512, (int)JwtAlgorithmFamily.RsaPss },
        { JwtAlgorithm.ES256, (int)JwtAlgorithmFamily.Ecdsa },
        { JwtAlgorithm.ES384, (int)JwtAlgorithmFamily.Ecdsa },
        { JwtAlgorithm.ES512, (int)JwtAlgorithmFamily.Ecdsa },
    };

    public static TheoryData<JwtAlgorithm, int> HashSizes => new()
    {
        { JwtAlgorithm.HS256, 32 },
        { JwtAlgorithm.HS384, 48 },
        { JwtAlgorithm.HS512, 64 },
        { JwtAlgorithm.RS256, 32 },
        { JwtAlgorithm.RS384, 48 },
        { JwtAlgorithm.RS512, 64 },
        { JwtAlgorithm.PS256, 32 },
        { JwtAlgorithm.PS384, 48 },
        { JwtAlgorithm.PS512, 64 },
        { JwtAlgorithm.ES256, 32 },
        { JwtAlgorithm.ES384, 48 },
        { JwtAlgorithm.ES512, 64 },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void GetName_returns_the_registered_name(JwtAlgorithm algorithm, string name)
    {
        Assert.Equal(name, JwtAlgorithms.GetName(algorithm));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ToString_is_the_registered_name(JwtAlgorithm algorithm, string name)
    {
        // The public way to name an algorithm (JwtAlgorithms is internal): the enum member names are the wire names.
        Assert.Equal(name, algorithm.ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryParse_string_reads_the_registered_name(JwtAlgorithm algorithm, string name)
    {
        Assert.True(JwtAlgorithms.TryParse(name, out JwtAlgorithm parsed));
        Assert.Equal(algorithm, parsed);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryParse_chars_reads_the_registered_name(JwtAlgorithm algorithm, string name)
    {
        Assert.True(JwtAlgorithms.TryParse(name.AsSpan(), out JwtAlgorithm parsed));
        Assert.Equal(algorithm, parsed);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryParse_utf8_reads_the_registered_name(JwtAlgorithm algorithm, string name)
    {
        Assert.True(JwtAlgorithms.TryParse(Encoding.UTF8.GetBytes(name).AsSpan(), out JwtAlgorithm parsed));
        Assert.Equal(algorithm, parsed);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void GetFamily_returns_the_family(JwtAlgorithm algorithm, int family)
    {
        Assert.Equal((JwtAlgorithmFamily)family, JwtAlgorithms.GetFamily(algorithm));
    }

    [Theory]
    [MemberData(nameof(HashSizes))]
    public void GetHashSize_returns_the_hash_size_in_bytes(JwtAlgorithm algorithm, int hashSize)
    {
        Assert.Equal(hashSize, JwtAlgorithms.GetHashSize(algorithm));
    }

    [Theory]
    [MemberData(nameof(HashSizes))]
    public void GetHashAlgorithm_names_the_hash_of_that_size(JwtAlgorithm algorithm, int hashSize)
    {
        HashAlgorithmName expected = hashSize switch
        {
            32 => HashAlgorithmName.SHA256,
            48 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        Assert.Equal(expected, JwtAlgorithms.GetHashAlgorithm(algorithm));
    }

    // Names that must not parse: wrong case, spaces, none in any case, near misses, unregistered algorithms.
    [Theory]
    [InlineData("hs256")]
    [InlineData("Hs256")]
    [InlineData("hS256")]
    [InlineData("HS256 ")]
    [InlineData(" HS256")]
    [InlineData("HS256\0")]
    [InlineData("HS 256")]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("")]
    [InlineData("HS")]
    [InlineData("HS25")]
    [InlineData("HS2566")]
    [InlineData("HS128")]
    [InlineData("RS1")]
    [InlineData("ES521")]
    [InlineData("EdDSA")]
    [InlineData("ES256K")]
    [InlineData("XS256")]
    [InlineData("HS384\u0000")]
    [InlineData("ＨS256")]
    public void TryParse_refuses_anything_but_an_exact_registered_name(string name)
    {
        Assert.False(JwtAlgorithms.TryParse(name, out JwtAlgorithm fromString));
        Assert.False(JwtAlgorithms.TryParse(name.AsSpan(), out JwtAlgorithm fromChars));
        Assert.False(JwtAlgorithms.TryParse(Encoding.UTF8.GetBytes(name).AsSpan(), out JwtAlgorithm fromUtf8));
        Assert.Equal(default, fromString);
        Assert.Equal(default, fromChars);
        Assert.Equal(default, fromUtf8);
    }

    [Fact]
    public void TryParse_refuses_null()
    {
        Assert.False(JwtAlgorithms.TryParse((string?)null, out JwtAlgorithm algorithm));
        Assert.Equal(default, algorithm);
    }

    [Fact]
    public void All_lists_the_twelve_algorithms_in_declaration_order()
    {
        Assert.Equal(
            [
                JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512,
                JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512,
                JwtAlgorithm.PS256, JwtAlgorithm.PS384, JwtAlgorithm.PS512,
                JwtAlgorithm.ES256, JwtAlgorithm.ES384, JwtAlgorithm.ES512,
            ],
            JwtAlgorithms.All.ToArray());
    }

    [Fact]
    public void Enum_values_are_stable()
    {
        Assert.Equal(
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            Array.ConvertAll(JwtAlgorithms.All.ToArray(), a => (int)a));
        Assert.Equal(
            [1, 2, 3, 4],
            Array.ConvertAll(Enum.GetValues<JwtAlgorithmFamily>(), f => (int)f));
    }

    [Fact]
    public void No_algorithm_is_named_none()
    {
        Assert.DoesNotContain("none", Enum.GetNames<JwtAlgorithm>(), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    public void Every_accessor_refuses_an_undefined_value(int value)
    {
        var algorithm = (JwtAlgorithm)value;
        Assert.Throws<ArgumentOutOfRangeException>("algorithm", () => JwtAlgorithms.GetName(algorithm));
        Assert.Throws<ArgumentOutOfRangeException>("algorithm", () => JwtAlgorithms.GetFamily(algorithm));
        Assert.Throws<ArgumentOutOfRangeException>("algorithm", () => JwtAlgorithms.GetHashSize(algorithm));
        Assert.Throws<ArgumentOutOfRangeException>("algorithm", () => JwtAlgorithms.GetHashAlgorithm(algorithm));
    }
}
