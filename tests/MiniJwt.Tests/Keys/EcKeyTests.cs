using System;
using System.Numerics;
using System.Security.Cryptography;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>ECDSA keys: MiniJwt signs low-S only, and still verifies the high-S spelling others write (issue 10, finding 1).</summary>
public sealed class EcKeyTests
{
    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void Finding01_EverySignatureMiniJwtMakes_HasLowS(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        BigInteger n = PlatformOrder(algorithm), half = n / 2;
        byte[] signature = new byte[key.SignatureSize];
        int high = 0;
        for (int i = 0; i < 200; i++)
        {
            byte[] input = BitConverter.GetBytes(i);
            Assert.Equal(signature.Length, key.Sign(input, signature));
            BigInteger s = Unsigned(signature.AsSpan(signature.Length / 2));
            high += s > half ? 1 : 0;
            Assert.True(key.Verify(input, signature));
        }

        // Without the rewrite about half would be high: 200 low in a row by chance is 2^-200.
        Assert.Equal(0, high);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void Finding01_TheHighSRespellingOtherLibrariesWrite_StillVerifies(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        int half = key.SignatureSize / 2;
        BigInteger n = PlatformOrder(algorithm);
        byte[] input = "header.payload"u8.ToArray();
        byte[] signature = new byte[key.SignatureSize];
        key.Sign(input, signature);

        byte[] respelled = (byte[])signature.Clone();
        BigInteger highS = n - Unsigned(signature.AsSpan(half));
        Assert.True(highS > n / 2);
        Assert.True(highS.TryWriteBytes(respelled.AsSpan(half + (half - highS.GetByteCount(isUnsigned: true))), out _, isUnsigned: true, isBigEndian: true));

        Assert.NotEqual(signature, respelled);
        Assert.True(key.Verify(input, respelled));
        Assert.True(key.ToPublicKey().Verify(input, respelled));
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void Finding01_NormalizeToLowS_RewritesExactlyTheHighHalf(JwtAlgorithm algorithm)
    {
        BigInteger n = PlatformOrder(algorithm);
        int size = EcKey.Order(algorithm).Length;
        Assert.Equal(n, Unsigned(EcKey.Order(algorithm)));
        foreach (BigInteger s in (BigInteger[])[1, n / 2, (n / 2) + 1, n - 1])
        {
            byte[] signature = new byte[2 * size];
            signature[0] = 0x42; // r is left alone
            s.TryWriteBytes(signature.AsSpan((2 * size) - s.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
            EcKey.NormalizeToLowS(algorithm, signature);
            Assert.Equal(0x42, signature[0]);
            Assert.Equal(s > n / 2 ? n - s : s, Unsigned(signature.AsSpan(size)));
        }
    }

    private static BigInteger PlatformOrder(JwtAlgorithm algorithm)
    {
        using ECDsa ecdsa = ECDsa.Create(TestKeys.CurveFor(algorithm));
        return Unsigned(ecdsa.ExportExplicitParameters(includePrivateParameters: false).Curve.Order);
    }

    private static BigInteger Unsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);
}
