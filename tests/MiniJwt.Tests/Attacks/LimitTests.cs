using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Resource limits: a maximum token length (8 KiB by default) checked before any decoding, a maximum JSON depth
/// (16) for header and payload, and a duplicate-name check that stays O(n log n). Hostile inputs are refused
/// with bounded allocation, measured per thread around the call after a warm-up (no timing is asserted).
/// </summary>
public sealed class LimitTests
{
    [Fact]
    public void Defaults_AreEightKibibytesAndSixteenLevels_AndConfigurable()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256);
        Assert.Equal(8 * 1024, options.MaxTokenLength);
        Assert.Equal(16, options.MaxJsonDepth);

        var raised = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = 16 * 1024 * 1024, MaxJsonDepth = 256 };
        Assert.Equal(16 * 1024 * 1024, raised.MaxTokenLength);
        Assert.Equal(256, raised.MaxJsonDepth);

        Assert.Throws<ArgumentOutOfRangeException>(() => new JwsValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = 15 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwsValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = (16 * 1024 * 1024) + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwsValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JwsValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = 257 });
    }

    [Fact]
    public void TokenLength_ExactlyTheLimitIsRead_OneMoreCharacterIsTokenTooLarge()
    {
        string token = Forge("{\"alg\":\"HS256\"}", ValidPayload[..^1] + ",\"pad\":\"" + new string('x', 5000) + "\"}", Hs256);
        var exact = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = token.Length };
        var under = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = token.Length - 1 };
        AssertAccepted(token, Hs256, exact);
        AssertRefused(token, Hs256, under, JwtErrorCode.TokenTooLarge);

        string tooLong = new('a', JwsValidationOptions.DefaultMaxTokenLength + 1);
        AssertRefused(tooLong, Hs256, Options(JwtAlgorithm.HS256), JwtErrorCode.TokenTooLarge);
        AssertRefused(tooLong[..^1], Hs256, Options(JwtAlgorithm.HS256), JwtErrorCode.Malformed);
    }

    [Fact]
    public void OneMegabyteToken_IsTokenTooLarge_BeforeAnyDecoding()
    {
        // Well formed and correctly signed: only its size refuses it.
        string token = Forge("{\"alg\":\"HS256\"}", ValidPayload[..^1] + ",\"pad\":\"" + new string('x', 780_000) + "\"}", Hs256);
        Assert.InRange(token.Length, 1_000_000, 1_100_000);
        byte[] utf8 = Encoding.ASCII.GetBytes(token);
        var options = Options(JwtAlgorithm.HS256);

        AssertRefused(token, Hs256, options, JwtErrorCode.TokenTooLarge);
        Assert.False(Jwt.TryReadHeaderUnverified(token, out _, out JwtError headerError));
        Assert.Equal(JwtErrorCode.TokenTooLarge, headerError.Code);

        JwtError e1 = default, e2 = default, e3 = default;
        bool accepted = false;
        long allocated = Allocated(() =>
        {
            accepted |= Jwt.TryDecode(token, Hs256, options, out _, out e1);
            accepted |= Jwt.TryDecode(utf8, Hs256, options, out _, out e2);
            accepted |= Jws.TryVerify(token, Hs256, options.Jws, out _, out e3);
        });
        Assert.False(accepted);
        Assert.All([e1, e2, e3], e => Assert.Equal(JwtErrorCode.TokenTooLarge, e.Code));
        Report("1 MB token", allocated);
        Assert.InRange(allocated, 0, 1024);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void PayloadNested10000Deep_Signed_IsInvalidJson_WithBoundedAllocation(string open, string close)
    {
        string deep = string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));
        string token = Forge("{\"alg\":\"HS256\"}", ValidPayload[..^1] + ",\"deep\":" + deep + "}", Hs256);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = 256 * 1024 };
        var deepest = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = 256 * 1024, MaxJsonDepth = 256 };

        // The signature is good, so the parser is reached; the depth limit stops it.
        Assert.True(Jws.TryVerify(token, Hs256, options.Jws, out _, out JwtError jwsError), jwsError.ToString());
        Assert.Equal("payload", AssertRefused(token, Hs256, options, JwtErrorCode.InvalidJson).Part);
        AssertRefused(token, Hs256, deepest, JwtErrorCode.InvalidJson);

        JwtError error = default;
        bool accepted = false;
        long allocated = Allocated(() => accepted |= Jwt.TryDecode(token, Hs256, options, out _, out error));
        Assert.False(accepted);
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
        Report("payload nested 10,000 deep (" + token.Length + " characters)", allocated);
        Assert.InRange(allocated, 0, 8 * 1024);
    }

    [Fact]
    public void HeaderNested10000Deep_IsInvalidJson_BeforeTheSignature()
    {
        string header = "{\"alg\":\"HS256\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        string token = B64(header) + "." + B64(ValidPayload) + ".AAAA";
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = 256 * 1024 };
        Assert.Equal("header", AssertRefused(token, Hs256, options, JwtErrorCode.InvalidJson).Part);
        Assert.False(Jwt.TryReadHeaderUnverified(token, out _, out JwtError error, maxTokenLength: 256 * 1024));
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
    }

    [Fact]
    public void Signature100Kilobytes_IsTokenTooLarge_OrWithARaisedLimitInvalidSignatureBeforeDecoding()
    {
        string token = B64("{\"alg\":\"HS256\"}") + "." + B64(ValidPayload) + "." + new string('A', 100 * 1024);
        byte[] utf8 = Encoding.ASCII.GetBytes(token);
        AssertRefused(token, Hs256, Options(JwtAlgorithm.HS256), JwtErrorCode.TokenTooLarge);

        var raised = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = 1024 * 1024 };
        AssertRefused(token, Hs256, raised, JwtErrorCode.InvalidSignature);

        // The length is checked against the algorithm's before a byte of it is decoded.
        JwtError e1 = default, e2 = default;
        bool accepted = false;
        long allocated = Allocated(() =>
        {
            accepted |= Jwt.TryDecode(token, Hs256, raised, out _, out e1);
            accepted |= Jwt.TryDecode(utf8, Hs256, raised, out _, out e2);
        });
        Assert.False(accepted);
        Assert.All([e1, e2], e => Assert.Equal(JwtErrorCode.InvalidSignature, e.Code));
        Report("100 KB signature, raised limit", allocated);
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void Payload100000Members_RaisedLimit_IsReadInOneSortedPass()
    {
        string members = string.Concat(Enumerable.Range(0, 100_000).Select(i => ",\"m" + i + "\":0"));
        string unique = Forge("{\"alg\":\"HS256\"}", ValidPayload[..^1] + members + "}", Hs256);
        string repeated = Forge("{\"alg\":\"HS256\"}", ValidPayload[..^1] + members + ",\"m50000\":1}", Hs256);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = 16 * 1024 * 1024 };

        JwtToken jwt = AssertAccepted(unique, Hs256, options);
        Assert.Equal("alice", jwt.Subject);
        AssertRefused(repeated, Hs256, options, JwtErrorCode.DuplicateMember);

        // Linear, not quadratic: ten times the members may cost at most about ten times as long (bounded at 40x,
        // a quadratic check would take 100x), measured on the same thread after a warm-up.
        string Members(int count) => Forge("{\"alg\":\"HS256\"}", ValidPayload[..^1] + string.Concat(Enumerable.Range(0, count).Select(i => ",\"m" + i + "\":0")) + "}", Hs256);
        AssertGrowsLinearly(Members(10_000), unique, token => AssertAccepted(token, Hs256, options));
    }

    [Fact]
    public void Header100000NamesOfOneHash_RaisedLimit_IsNotQuadratic()
    {
        // The worst case for a hash-sorted check: every name collides under FNV-1a (68-character names). Checked before the signature,
        // so anyone can send it once the limit is raised; the names of one hash are sorted, never compared pairwise.
        string[] names = NameHashCollisions.SameHash(17)[..100_000];
        Assert.All(names[..100], n => Assert.Equal(NameHashCollisions.Fnv1a(names[0]), NameHashCollisions.Fnv1a(n)));
        Assert.Equal(NameHashCollisions.Fnv1a(names[0]), NameHashCollisions.Fnv1a(names[^1]));
        string members = string.Concat(names.Select(n => ",\"" + n + "\":0"));
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, MaxTokenLength = 16 * 1024 * 1024 };

        string unique = B64("{\"alg\":\"HS256\"" + members + "}") + "." + B64(ValidPayload) + "." + B64(new byte[32]);
        AssertRefused(unique, Hs256, options, JwtErrorCode.InvalidSignature);
        string repeated = B64("{\"alg\":\"HS256\"" + members + ",\"" + names[12_345] + "\":1}") + "." + B64(ValidPayload) + "." + B64(new byte[32]);
        AssertRefused(repeated, Hs256, options, JwtErrorCode.DuplicateMember);

        // Sorted, never compared pairwise: ten times the colliding names may cost at most about ten times as long.
        string tenth = B64("{\"alg\":\"HS256\"" + string.Concat(names[..10_000].Select(n => ",\"" + n + "\":0")) + "}") + "." + B64(ValidPayload) + "." + B64(new byte[32]);
        AssertGrowsLinearly(tenth, unique, token => AssertRefused(token, Hs256, options, JwtErrorCode.InvalidSignature));
    }

    // Times the small and the ten-times-larger input (best of five each, taken in turn after a warm-up, so that a burst
    // of load from the tests running beside it falls on both alike) and bounds the ratio at 40: linear work gives about
    // 10 (n log n a little more), quadratic work about 100.
    private static void AssertGrowsLinearly(string small, string large, Action<string> check)
    {
        static double Time(string token, Action<string> check)
        {
            var watch = Stopwatch.StartNew();
            check(token);
            return watch.Elapsed.TotalMilliseconds;
        }

        check(small);
        check(large);
        double bestSmall = double.MaxValue, bestLarge = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            bestSmall = Math.Min(bestSmall, Time(small, check));
            bestLarge = Math.Min(bestLarge, Time(large, check));
        }

        double ratio = bestLarge / Math.Max(bestSmall, 0.05);
        Note("10x the input cost " + ratio.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + "x the time");
        Assert.True(ratio < 40, "ten times the input took " + ratio + " times as long");
    }

    private static long Allocated(Action action)
    {
        action(); // warm up: JIT, pools, statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Report(string what, long allocated) => Note(what + ": " + allocated + " bytes allocated");

    private static void Note(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
