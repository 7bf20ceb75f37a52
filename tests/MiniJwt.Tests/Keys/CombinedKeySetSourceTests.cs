using System.Collections.Generic;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>A fixed key in front of a live set (the strategy's own key before its further keys).</summary>
public class CombinedKeySetSourceTests
{
    private static readonly JwtKey Own = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, "own");
    private static readonly JwtKey Other = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64.ToUpperInvariant(), "other");

    [Fact]
    public void TheFixedKeyComesFirst_AndASnapshotIsCombinedOnce()
    {
        var inner = new Source();
        var combined = new CombinedKeySetSource(Own, new JwtKeySet(inner));
        Assert.Equal([Own], combined.Current.Keys);

        inner.Current = new JwtKeySet(Other);
        JwtKeySet first = combined.Current;
        Assert.Equal([Own, Other], first.Keys);
        Assert.Same(first, combined.Current);

        inner.Current = new JwtKeySet(Other);
        Assert.NotSame(first, combined.Current);
    }

    [Fact]
    public void TheFixedKeyGivenAgain_IsLeftOut_AnotherUnderItsKidIsAmbiguous()
    {
        var inner = new Source { Current = new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, "own"), Other) };
        var live = new JwtKeySet(new CombinedKeySetSource(Own, new JwtKeySet(inner)));
        Assert.Equal(2, live.Keys.Count);
        Assert.True(live.TryFindKey("own", JwtAlgorithm.HS256, out JwtKey? key, out _));
        Assert.Same(Own, key);

        inner.Current = new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64.ToUpperInvariant(), "own"));
        Assert.False(live.TryFindKey("own", JwtAlgorithm.HS256, out _, out JwtErrorCode error));
        Assert.Equal(JwtErrorCode.AmbiguousKey, error);
    }

    [Fact]
    public void AMissingKey_IsReportedToTheLiveSetsSource()
    {
        var inner = new Source();
        var live = new JwtKeySet(new CombinedKeySetSource(Own, new JwtKeySet(inner)));
        Assert.False(live.TryFindKey("gone", JwtAlgorithm.HS256, out _, out JwtErrorCode error));
        Assert.Equal(JwtErrorCode.KeySetUnavailable, error); // the live set has no copy yet
        Assert.Equal([("gone", JwtAlgorithm.HS256)], inner.NotFound);

        inner.Current = new JwtKeySet();
        Assert.False(live.TryFindKey("gone", JwtAlgorithm.HS256, out _, out error));
        Assert.Equal(JwtErrorCode.KeyNotFound, error);
        Assert.True(live.TryFindKey(Own.KeyId, Own.Algorithm, out _, out _)); // the fixed key, with or without a copy
    }

    [Fact]
    public void ASecretSkippedFromAParsedSet_StillMakesTheCombinationMixed()
    {
        // The oct member is skipped (too short), but a public set that held a secret verifies nothing.
        JwtKey ec = TestKeys.For(JwtAlgorithm.ES256, "ec");
        var parsed = JwtKeySet.Parse("{\"keys\":[" + ec.ToPublicKey().ToJwk() + ",{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"AAAA\"}]}");
        Assert.Single(parsed.SkippedKeys);
        JwtKeySet combined = JwtKeySet.Combine(TestKeys.For(JwtAlgorithm.ES256, "own").ToPublicKey(), parsed);
        Assert.True(combined.IsMixedSet);
        Assert.False(combined.TryFindKey("ec", JwtAlgorithm.ES256, out _, out JwtErrorCode error));
        Assert.Equal(JwtErrorCode.MixedKeySet, error);
    }

    private sealed class Source : IJwtKeySetSource
    {
        public JwtKeySet? Current { get; set; }

        public List<(string?, JwtAlgorithm)> NotFound { get; } = [];

        public void OnKeyNotFound(string? keyId, JwtAlgorithm algorithm) => NotFound.Add((keyId, algorithm));

        public System.Threading.Tasks.Task WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, System.Threading.CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.CompletedTask;
    }
}
