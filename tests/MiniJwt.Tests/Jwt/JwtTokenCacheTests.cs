using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniJwt.Strategy;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

public class JwtTokenCacheTests
{
    private const long Now = 1_700_000_000;
    private static readonly JwtKey Key = TestKeys.Hs256;

    private static string Token(JwtKey key, string subject, long exp, long? nbf = null, long? iat = null, string? aud = null)
    {
        var claims = new JwtClaims().Subject(subject).Add("exp", exp);
        if (nbf is long n)
        {
            claims.Add("nbf", n);
        }

        if (iat is long i)
        {
            claims.Add("iat", i);
        }

        if (aud is not null)
        {
            claims.Audience(aud);
        }

        return MiniJwt.Jwt.Encode(claims, key);
    }

    private static JwtValidationOptions Options(JwtTokenCache? cache, TimeProvider clock, JwtAlgorithm algorithm = JwtAlgorithm.HS256) =>
        new(algorithm) { TokenCache = cache, TimeProvider = clock, ValidateAudience = false };

    [Fact]
    public void Constructor_RefusesBoundsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwtTokenCache(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwtTokenCache((1 << 20) + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwtTokenCache(16, 1023));
        var cache = new JwtTokenCache(16, 4096);
        Assert.Equal(16, cache.MaxEntries);
        Assert.Equal(4096, cache.MaxBytes);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void AVerifiedToken_IsRemembered_AndAHitGivesTheSameView()
    {
        var cache = new JwtTokenCache();
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        string token = Token(Key, "alice", Now + 60, nbf: Now - 60, iat: Now - 60);

        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out JwtToken first, out _));
        Assert.Equal(1, cache.Count);
        Assert.Equal(JwtTokenCache.SizeOf(token.Length), cache.Bytes);

        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out JwtToken second, out _));
        Assert.True(MiniJwt.Jwt.TryDecode(Encoding.ASCII.GetBytes(token), Key, options, out JwtToken third, out _));
        Assert.Equal(1, cache.Count);
        foreach (JwtToken view in new[] { second, third })
        {
            Assert.Equal(token, view.Token);
            Assert.Equal("alice", view.Subject);
            Assert.Equal(first.ExpiresAt, view.ExpiresAt);
            Assert.Equal(first.NotBefore, view.NotBefore);
            Assert.Equal(first.IssuedAt, view.IssuedAt);
            Assert.Equal(first.Header.Algorithm, view.Header.Algorithm);
            Assert.Equal(first.Header.Type, view.Header.Type);
        }
    }

    [Fact]
    public void AnExpiredToken_IsRefusedOnAHit_AndForgotten()
    {
        var cache = new JwtTokenCache();
        var clock = FakeTimeProvider.AtUnixSeconds(Now);
        JwtValidationOptions options = Options(cache, clock);
        string token = Token(Key, "alice", Now + 60);
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _));
        Assert.Equal(1, cache.Count);

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now + 60));
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.Expired, error.Code);
        Assert.Equal("exp", error.Name);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);

        // The span forms too.
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now));
        Assert.True(MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(token), Key, options, out _));
        Assert.Equal(1, cache.Count);
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now + 61));
        Assert.False(MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(token), Key, options, out error));
        Assert.Equal(JwtErrorCode.Expired, error.Code);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TheLeeway_AndNbfAndIat_AreCheckedOnAHit()
    {
        var cache = new JwtTokenCache();
        var clock = FakeTimeProvider.AtUnixSeconds(Now);
        JwtValidationOptions options = new(JwtAlgorithm.HS256) { TokenCache = cache, TimeProvider = clock, Leeway = TimeSpan.FromSeconds(10) };
        string token = Token(Key, "alice", Now + 60, nbf: Now, iat: Now);
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _));

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now + 69));
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _));

        // A clock set back: before nbf (and iat) even with the leeway.
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now - 11));
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.NotYetValid, error.Code);
        Assert.Equal(1, cache.Count);

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now + 70));
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out error));
        Assert.Equal(JwtErrorCode.Expired, error.Code);
    }

    [Fact]
    public void RefusedTokens_NeverEnter()
    {
        var cache = new JwtTokenCache();
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        string token = Token(Key, "alice", Now + 60);
        string expired = Token(Key, "bob", Now - 1);
        string otherKey = Token(TestKeys.OtherFor(JwtAlgorithm.HS256), "carol", Now + 60);
        for (int i = 0; i < 200; i++)
        {
            string tampered = Tokens.TamperSignature(Token(Key, "mallory" + i, Now + 60));
            Assert.False(MiniJwt.Jwt.TryDecode(tampered, Key, options, out _, out _));
            Assert.False(MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(tampered), Key, options, out _));
        }

        Assert.False(MiniJwt.Jwt.TryDecode(expired, Key, options, out _, out _));
        Assert.False(MiniJwt.Jwt.TryDecode(otherKey, Key, options, out _, out _));
        Assert.False(MiniJwt.Jwt.TryDecode((string?)null, Key, options, out _, out _));
        Assert.False(MiniJwt.Jwt.TryDecode(token + "x", Key, options, out _, out _));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void AnotherKeyObject_IsAMiss_SoAKeyChangeNeverGivesAStaleVerdict()
    {
        var cache = new JwtTokenCache();
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        string token = Token(Key, "alice", Now + 60);
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _));

        // The rotated key: the remembered verdict does not hold for it.
        JwtKey rotated = TestKeys.OtherFor(JwtAlgorithm.HS256);
        Assert.False(MiniJwt.Jwt.TryDecode(token, rotated, options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
        Assert.False(MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(token), rotated, options, out error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);

        // A key of another algorithm.
        JwtKey hs384 = JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64);
        var both = new JwtValidationOptions(JwtAlgorithm.HS256, JwtAlgorithm.HS384) { TokenCache = cache, TimeProvider = options.TimeProvider, ValidateAudience = false };
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, both, out _, out _));
        Assert.False(MiniJwt.Jwt.TryDecode(token, hs384, both, out _, out error));
        Assert.Equal(JwtErrorCode.KeyAlgorithmMismatch, error.Code);
    }

    [Fact]
    public void OtherOptions_AreAMiss_SoAnOptionsChangeNeverGivesAStaleVerdict()
    {
        var cache = new JwtTokenCache();
        var clock = FakeTimeProvider.AtUnixSeconds(Now);
        string token = Token(Key, "alice", Now + 60, aud: "api");
        var forApi = new JwtValidationOptions(JwtAlgorithm.HS256) { TokenCache = cache, TimeProvider = clock, Audiences = ["api"] };
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, forApi, out _, out _));

        var forOther = new JwtValidationOptions(JwtAlgorithm.HS256) { TokenCache = cache, TimeProvider = clock, Audiences = ["other"] };
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, forOther, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidAudience, error.Code);

        var typed = new JwtValidationOptions(JwtAlgorithm.HS256) { TokenCache = cache, TimeProvider = clock, Audiences = ["api"], Type = "at+jwt" };
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, typed, out _, out error));
        Assert.Equal(JwtErrorCode.InvalidType, error.Code);

        var required = new JwtValidationOptions(JwtAlgorithm.HS256) { TokenCache = cache, TimeProvider = clock, Audiences = ["api"], RequiredClaims = ["jti"] };
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, required, out _, out error));
        Assert.Equal(JwtErrorCode.MissingClaim, error.Code);

        var onlyRs256 = new JwtValidationOptions(JwtAlgorithm.RS256) { TokenCache = cache, TimeProvider = clock, Audiences = ["api"] };
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, onlyRs256, out _, out error));
        Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, error.Code);

        // The first options still hit.
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, forApi, out _, out _));
    }

    [Fact]
    public void AnEcdsaRespelling_IsAnotherText_SoAMissVerifiedInFull()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JwtKey key = JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa);
        var cache = new JwtTokenCache();
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now), JwtAlgorithm.ES256);
        string token = Token(key, "alice", Now + 60);
        Assert.True(MiniJwt.Jwt.TryDecode(token, key, options, out _, out _));
        Assert.Equal(1, cache.Count);

        // (r, n - s) is the other valid signature of the same input: a different text, verified in full (and accepted).
        int dot = token.LastIndexOf('.');
        byte[] signature = JwtBase64Url.DecodeFromChars(token.AsSpan(dot + 1));
        BigInteger n = new(ecdsa.ExportExplicitParameters(false).Curve.Order, isUnsigned: true, isBigEndian: true);
        BigInteger s = new(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        byte[] flipped = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] respelled = signature.ToArray();
        Array.Clear(respelled, 32, 32);
        flipped.CopyTo(respelled, 64 - flipped.Length);
        string other = token.Substring(0, dot + 1) + JwtBase64Url.EncodeToString(respelled);
        Assert.NotEqual(token, other);
        Assert.True(MiniJwt.Jwt.TryDecode(other, key, options, out JwtToken view, out _));
        Assert.Equal(other, view.Token);

        // A respelling that does not verify is refused although the token it came from is remembered:
        // a wrong s, and the same signature with non-canonical trailing bits in its last character.
        respelled[63] ^= 1;
        string broken = token.Substring(0, dot + 1) + JwtBase64Url.EncodeToString(respelled);
        Assert.False(MiniJwt.Jwt.TryDecode(broken, key, options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);

        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token[^1];
        string noncanonical = token.Substring(0, token.Length - 1) + Alphabet[Alphabet.IndexOf(last, StringComparison.Ordinal) | 1].ToString();
        if (noncanonical != token)
        {
            Assert.False(MiniJwt.Jwt.TryDecode(noncanonical, key, options, out _, out error));
            Assert.Equal(JwtErrorCode.InvalidBase64Url, error.Code);
        }

        Assert.True(MiniJwt.Jwt.TryDecode(token, key, options, out _, out _));
    }

    [Fact]
    public void TheEntryBound_Holds_TheNewestTokenTakingItsSlot()
    {
        var cache = new JwtTokenCache(maxEntries: 8);
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        var tokens = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            string token = Token(Key, "user" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Now + 60);
            tokens.Add(token);
            Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _));
            Assert.InRange(cache.Count, 1, 8);

            // The token just verified holds its slot, so it is remembered: its bytes are counted.
            Assert.True(cache.Bytes >= JwtTokenCache.SizeOf(token.Length));
        }

        // Every token still verifies, remembered or not.
        Assert.All(tokens, t => Assert.True(MiniJwt.Jwt.TryDecode(t, Key, options, out _, out _)));
        Assert.InRange(cache.Count, 1, 8);
        Assert.Equal(cache.Count * JwtTokenCache.SizeOf(tokens[0].Length), cache.Bytes);

        cache.Clear();
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void TwoTokensOfOnePair_AreBothRemembered()
    {
        // Two slots form one pair: whatever the hash, the second token takes the empty slot beside the first.
        var cache = new JwtTokenCache(maxEntries: 2);
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        string first = Token(Key, "first", Now + 60);
        string second = Token(Key, "second", Now + 60);
        Assert.True(MiniJwt.Jwt.TryDecode(first, Key, options, out _, out _));
        Assert.True(MiniJwt.Jwt.TryDecode(second, Key, options, out _, out _));
        Assert.Equal(2, cache.Count);
        Assert.True(MiniJwt.Jwt.TryDecode(first, Key, options, out _, out _));
        Assert.True(MiniJwt.Jwt.TryDecode(second, Key, options, out _, out _));
        Assert.Equal(2, cache.Count);
        Assert.Equal(JwtTokenCache.SizeOf(first.Length) + JwtTokenCache.SizeOf(second.Length), cache.Bytes);
    }

    [Fact]
    public void TheByteBound_Holds_AndATokenOverItIsNotRemembered()
    {
        string big = Token(Key, new string('a', 600), Now + 60);
        long size = JwtTokenCache.SizeOf(big.Length);
        var cache = new JwtTokenCache(maxEntries: 64, maxBytes: (2 * size) + 10);
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        for (int i = 0; i < 50; i++)
        {
            string token = Token(Key, new string((char)('a' + (i % 26)), 600) + i, Now + 60);
            Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _));
            Assert.True(cache.Bytes <= cache.MaxBytes);
            Assert.InRange(cache.Count, 1, 2);
        }

        var tiny = new JwtTokenCache(maxEntries: 64, maxBytes: 1024);
        JwtValidationOptions tinyOptions = Options(tiny, FakeTimeProvider.AtUnixSeconds(Now));
        Assert.True(JwtTokenCache.SizeOf(big.Length) > 1024);
        Assert.True(MiniJwt.Jwt.TryDecode(big, Key, tinyOptions, out _, out _));
        Assert.True(MiniJwt.Jwt.TryDecode(big, Key, tinyOptions, out _, out _));
        Assert.Equal(0, tiny.Count);
        Assert.Equal(0, tiny.Bytes);
    }

    [Fact]
    public void UnderConcurrency_VerdictsHold_AndTheBoundsAndCountsStayExact()
    {
        var cache = new JwtTokenCache(maxEntries: 16, maxBytes: 16 * 1024);
        var clock = FakeTimeProvider.AtUnixSeconds(Now);
        JwtValidationOptions options = Options(cache, clock);
        JwtKey es256 = TestKeys.For(JwtAlgorithm.ES256);
        JwtValidationOptions esOptions = Options(cache, clock, JwtAlgorithm.ES256);
        string[] valid = Enumerable.Range(0, 64).Select(i => Token(Key, "user" + i, Now + 60)).ToArray();
        string[] invalid = valid.Select(Tokens.TamperSignature).ToArray();
        string[] esValid = Enumerable.Range(0, 8).Select(i => Token(es256, "es" + i, Now + 60)).ToArray();
        int failures = 0;
        int observedOverBound = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (int round = 0; round < 300; round++)
            {
                int i = (worker * 31 + round) % valid.Length;
                bool ok = round % 3 == 0
                    ? MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(valid[i]), Key, options, out _)
                    : MiniJwt.Jwt.TryDecode(valid[i], Key, options, out JwtToken t, out _) && t.Subject == "user" + i;
                if (!ok || MiniJwt.Jwt.TryDecode(invalid[i], Key, options, out _, out _))
                {
                    Interlocked.Increment(ref failures);
                }

                if (round % 10 == 0 && !MiniJwt.Jwt.TryDecode(esValid[round % esValid.Length], es256, esOptions, out _, out _))
                {
                    Interlocked.Increment(ref failures);
                }

                if (cache.Count > 16 || cache.Bytes > cache.MaxBytes)
                {
                    Interlocked.Increment(ref observedOverBound);
                }
            }
        });

        Assert.Equal(0, failures);
        Assert.Equal(0, observedOverBound);
        Assert.InRange(cache.Count, 1, 16);

        // The accounting balanced under contention: forgetting everything leaves exactly nothing.
        cache.Clear();
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void TryValidate_ReadsSubAndExp_FromAHitAndAMiss()
    {
        var cache = new JwtTokenCache();
        JwtValidationOptions options = Options(cache, FakeTimeProvider.AtUnixSeconds(Now));
        byte[] token = Encoding.ASCII.GetBytes(Token(Key, "al\"ice\u00e9", Now + 60));
        byte[] subject = new byte[token.Length];
        for (int pass = 0; pass < 2; pass++)
        {
            Assert.True(MiniJwt.Jwt.TryValidate(token, Key, options, subject, out int length, out DateTimeOffset? exp, out _));
            Assert.Equal("al\"ice\u00e9", Encoding.UTF8.GetString(subject, 0, length));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Now + 60), exp);
            Assert.Equal(1, cache.Count);
        }

        // Too small a destination: the length says so and nothing is written.
        byte[] small = new byte[3];
        Assert.True(MiniJwt.Jwt.TryValidate(token, Key, options, small, out int needed, out _, out _));
        Assert.Equal(Encoding.UTF8.GetByteCount("al\"ice\u00e9"), needed);
        Assert.All(small, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task TheStrategy_TakesACache_AndReadsThroughIt()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var cache = new JwtTokenCache();
        var manager = new MiniJwt.Tests.Strategy.TestUserManager();
        MiniJwt.Tests.Strategy.TestUser user = manager.Add("a@example.com");
        var strategy = new JwtStrategy<MiniJwt.Tests.Strategy.TestUser, Guid>(new string('k', 32), 3600, tokenCache: cache);
        string token = await strategy.WriteTokenAsync(user);
        Assert.Equal(user, await strategy.ReadTokenAsync(token, manager, cancel));
        Assert.Equal(1, cache.Count);
        Assert.Equal(user, await strategy.ReadTokenAsync(token, manager, cancel));
        Assert.Null(await strategy.ReadTokenAsync(Tokens.TamperSignature(token), manager, cancel));
        Assert.Equal(1, cache.Count);
    }

    /// <summary>A step of the property: which token is presented, and where the clock stands (seconds from <see cref="Now"/>).</summary>
    public sealed record Step(int Token, int Clock);

    private static readonly JwtKey PropertyKey = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64);

    private static readonly string[] PropertyTokens =
    [
        Token(PropertyKey, "a", Now + 10),
        Token(PropertyKey, "b", Now + 30, nbf: Now - 5),
        Token(PropertyKey, "c", Now + 50, nbf: Now + 5, iat: Now),
        Token(PropertyKey, "d", Now + 20, iat: Now + 15),
        Token(PropertyKey, "e", Now - 1),
        Token(PropertyKey, "f", Now + 40, aud: "api"),
        Tokens.TamperSignature(Token(PropertyKey, "g", Now + 40)),
        Token(TestKeys.OtherFor(JwtAlgorithm.HS256), "h", Now + 40),
    ];

    [Property(MaxTest = 1000)]
    public void ACachedDecode_GivesTheVerdictOfAFullOne(Step[] steps)
    {
        var cache = new JwtTokenCache(maxEntries: 4);
        var clock = FakeTimeProvider.AtUnixSeconds(Now);
        var cached = new JwtValidationOptions(JwtAlgorithm.HS256) { TokenCache = cache, TimeProvider = clock, Leeway = TimeSpan.FromSeconds(2) };
        var plain = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = clock, Leeway = TimeSpan.FromSeconds(2) };
        foreach (Step step in steps ?? [])
        {
            string token = PropertyTokens[Math.Abs(step.Token % PropertyTokens.Length)];
            clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Now + (step.Clock % 60)));
            bool expected = MiniJwt.Jwt.TryDecode(token, PropertyKey, plain, out JwtToken full, out JwtError fullError);
            bool actual = step.Token % 2 == 0
                ? MiniJwt.Jwt.TryDecode(token, PropertyKey, cached, out JwtToken view, out JwtError error)
                : MiniJwt.Jwt.TryDecode(Encoding.ASCII.GetBytes(token), PropertyKey, cached, out view, out error);
            Assert.Equal(expected, actual);
            Assert.Equal(fullError, error);
            if (expected)
            {
                Assert.Equal(full.Token, view.Token);
                Assert.Equal(full.Subject, view.Subject);
                Assert.Equal(full.ExpiresAt, view.ExpiresAt);
            }

            Assert.Equal(expected, MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(token), PropertyKey, cached, out error));
            Assert.Equal(fullError, error);
            Assert.InRange(cache.Count, 0, 4);
        }
    }
}
