using System;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Properties;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Attacks on the signature segment: ECDSA "psychic signatures" (CVE-2022-21449: r = s = 0 and kin), DER instead of
/// the raw R‖S form, wrong lengths, a key on another curve, trivial RSA signatures, and stripped, truncated or
/// non-canonical signatures.
/// </summary>
public sealed class SignatureAttackTests
{
    public static readonly TheoryData<JwtAlgorithm> EcAlgorithms = new(JwtAlgorithm.ES256, JwtAlgorithm.ES384, JwtAlgorithm.ES512);

    public static readonly TheoryData<JwtAlgorithm> AllAlgorithms = new(JwtAlgorithms.All.ToArray());

    // ---------------------------------------------------------------- ECDSA

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public void EcdsaPsychicSignature_RAndSZeroOrTheGroupOrder_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        JwtKey key = VerifyingKey(algorithm);
        var options = Options(algorithm);
        string signingInput = SigningInput(algorithm);
        int half = key.SignatureSize / 2;
        byte[] n = ToFixed(Curve(algorithm).ExportExplicitParameters(false).Curve.Order!, half);
        byte[] zero = new byte[half];
        byte[] one = ToFixed([1], half);
        byte[] nPlusOne = ToFixed(Add(n, 1), half);
        byte[] ones = Enumerable.Repeat((byte)0xFF, half).ToArray();

        // A genuine signature, so that r or s alone can be kept valid.
        string genuine = SignInput(signingInput, SigningKey(algorithm));
        AssertAccepted(genuine, key, options);
        byte[] signature = JwtBase64Url.DecodeFromChars(genuine.AsSpan(genuine.LastIndexOf('.') + 1));
        byte[] r = signature[..half], s = signature[half..];

        foreach ((string name, byte[] rr, byte[] ss) in new[]
        {
            ("r = s = 0", zero, zero),
            ("r = s = n", n, n),
            ("r = 0", zero, s),
            ("s = 0", r, zero),
            ("r = n", n, s),
            ("s = n", r, n),
            ("r = n + 1 (r mod n = 1)", nPlusOne, s),
            ("r = s = 1", one, one),
            ("r = s = 2^k - 1", ones, ones),
        })
        {
            string token = signingInput + "." + B64([.. rr, .. ss]);
            JwtError error = AssertRefused(token, key, options, JwtErrorCode.InvalidSignature);
            Assert.True(error.Code == JwtErrorCode.InvalidSignature, name);
        }
    }

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public void EcdsaDerEncodedSignature_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        // The same signature in the ASN.1 DER form other stacks produce: JWS demands R‖S of fixed size.
        string signingInput = SigningInput(algorithm);
        byte[] der = Curve(algorithm).SignData(Encoding.ASCII.GetBytes(signingInput), JwtAlgorithms.GetHashAlgorithm(algorithm), DSASignatureFormat.Rfc3279DerSequence);
        AssertRefused(signingInput + "." + B64(der), VerifyingKey(algorithm), Options(algorithm), JwtErrorCode.InvalidSignature);
    }

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public void EcdsaSignatureByAKeyOnAnotherCurve_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        // The header claims the verifier's algorithm; the signature comes from a key on every other curve.
        string signingInput = SigningInput(algorithm);
        foreach (JwtAlgorithm other in (JwtAlgorithm[])[JwtAlgorithm.ES256, JwtAlgorithm.ES384, JwtAlgorithm.ES512])
        {
            if (other != algorithm)
            {
                AssertRefused(SignInput(signingInput, SigningKey(other)), VerifyingKey(algorithm), Options(algorithm), JwtErrorCode.InvalidSignature);
            }
        }
    }

    [Fact]
    public void EcdsaCurveAlgorithmMismatch_TheKeyCannotBeMade()
    {
        Assert.Throws<ArgumentException>(() => JwtKey.FromECDsa(JwtAlgorithm.ES256, P384));
        Assert.Throws<ArgumentException>(() => JwtKey.FromECDsa(JwtAlgorithm.ES384, P521));
        Assert.Throws<ArgumentException>(() => JwtKey.FromECDsa(JwtAlgorithm.ES512, P256));
        Assert.Throws<ArgumentException>(() => JwtKey.FromPem(JwtAlgorithm.ES256, P521.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => JwtKey.FromPem(JwtAlgorithm.ES384, P256.ExportECPrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => JwtKey.FromPem(JwtAlgorithm.ES512, P384.ExportPkcs8PrivateKeyPem()));
        using ECDsa secp256k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
        Assert.Throws<ArgumentException>(() => JwtKey.FromECDsa(JwtAlgorithm.ES256, secp256k1));
    }

    // ---------------------------------------------------------------- RSA

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS512)]
    public void RsaTrivialSignature_ZeroOneOrTheModulus_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        JwtKey key = VerifyingKey(algorithm);
        string signingInput = SigningInput(algorithm);
        int size = key.SignatureSize;
        byte[] modulus = Rsa.ExportParameters(false).Modulus!;
        foreach (byte[] signature in new[] { new byte[size], ToFixed([1], size), modulus, ToFixed(Add(modulus, -1), size), Enumerable.Repeat((byte)0xFF, size).ToArray() })
        {
            AssertRefused(signingInput + "." + B64(signature), key, Options(algorithm), JwtErrorCode.InvalidSignature);
        }
    }

    // ---------------------------------------------------------------- every algorithm

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void StrippedSignature_EmptySegment_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        AssertRefused(SigningInput(algorithm) + ".", VerifyingKey(algorithm), Options(algorithm), JwtErrorCode.InvalidSignature);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void StrippedSignature_NoThirdSegment_IsMalformed(JwtAlgorithm algorithm)
    {
        AssertRefused(SigningInput(algorithm), VerifyingKey(algorithm), Options(algorithm), JwtErrorCode.Malformed);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void TruncatedOrExtendedSignature_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        JwtKey key = VerifyingKey(algorithm);
        var options = Options(algorithm);
        string token = SignInput(SigningInput(algorithm), SigningKey(algorithm));
        AssertAccepted(token, key, options);
        int start = token.LastIndexOf('.') + 1;
        byte[] signature = JwtBase64Url.DecodeFromChars(token.AsSpan(start));
        string signingInput = token[..(start - 1)];

        // Whole bytes cut off or added (including the half-length MAC some libraries compare).
        foreach (int length in new[] { 0, 1, signature.Length / 2, signature.Length - 1, signature.Length + 1, signature.Length * 2 })
        {
            byte[] changed = new byte[length];
            signature.AsSpan(0, Math.Min(length, signature.Length)).CopyTo(changed);
            AssertRefused(signingInput + "." + B64(changed), key, options, JwtErrorCode.InvalidSignature);
        }

        // Characters cut off the text: a length that no byte count encodes to is refused the same way.
        for (int cut = 1; cut <= 4; cut++)
        {
            AssertRefused(token[..^cut], key, options, JwtErrorCode.InvalidSignature);
        }
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void SignatureWithNonCanonicalTrailingBits_IsInvalidBase64Url(JwtAlgorithm algorithm)
    {
        // The same signature bytes, spelled with the unused low bits of the last character set: lenient decoders
        // accept it, which makes tokens malleable (two spellings of one token).
        JwtKey key = VerifyingKey(algorithm);
        string token = SignInput(SigningInput(algorithm), SigningKey(algorithm));
        int size = key.SignatureSize;
        if (size % 3 == 0)
        {
            return; // HS384, ES384 and ES512 signatures (48, 96 and 132 bytes) end on a whole group: no spare bits.
        }

        const string Alphabet = PropertyTests.Alphabet;
        int last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        int spare = size % 3 == 1 ? 0b1111 : 0b11;
        Assert.Equal(0, last & spare);
        string malleable = token[..^1] + Alphabet[last | 1];
        AssertRefused(malleable, key, Options(algorithm), JwtErrorCode.InvalidBase64Url);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void SignatureOfAnotherTokenOfTheSameKey_IsInvalidSignature(JwtAlgorithm algorithm)
    {
        JwtKey signer = SigningKey(algorithm);
        string a = Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload), signer);
        string b = Jwt.Encode(Encoding.UTF8.GetBytes(ValidPayload.Replace("alice", "admin", StringComparison.Ordinal)), signer);
        string spliced = b[..b.LastIndexOf('.')] + a[a.LastIndexOf('.')..];
        AssertRefused(spliced, VerifyingKey(algorithm), Options(algorithm), JwtErrorCode.InvalidSignature);
    }

    private static string SigningInput(JwtAlgorithm algorithm) =>
        B64("{\"alg\":\"" + JwtAlgorithms.GetName(algorithm) + "\"}") + "." + B64(ValidPayload);

    private static byte[] ToFixed(byte[] bigEndian, int size)
    {
        ReadOnlySpan<byte> trimmed = bigEndian.AsSpan().TrimStart((byte)0);
        byte[] result = new byte[size];
        trimmed.CopyTo(result.AsSpan(size - trimmed.Length));
        return result;
    }

    private static byte[] Add(byte[] bigEndian, int value) =>
        (new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true) + value).ToByteArray(isUnsigned: true, isBigEndian: true);
}
