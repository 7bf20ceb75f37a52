using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using MiniJwt.Remote;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

public class JwtTests
{
    private static readonly JwtKey Key = TestKeys.Hs256;

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"x\\udfff\"")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("[\"\\ud800\"]")]
    public void Finding04_JsonElementHoldingALoneSurrogate_ThrowsArgumentException(string json)
    {
        // It used to leave Encode as an InvalidOperationException, which the documentation does not list.
        using JsonDocument document = JsonDocument.Parse(json);
        var claims = new Dictionary<string, object?> { ["sub"] = "1", ["x"] = document.RootElement.Clone() };
        ArgumentException e = Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(claims, Key));
        Assert.Equal("claims", e.ParamName);
        Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(new JwtClaims().Add("x", document.RootElement.Clone()), Key));
    }

    [Fact]
    public void Finding03_UnpairedSurrogateInClaimsGivenAsPairs_Throws()
    {
        Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(new Dictionary<string, object?> { ["sub"] = "x\ud800" }, Key));
        Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(new Dictionary<string, object?> { ["s\udfff"] = "x" }, Key));
    }

    [Fact]
    public void Finding03_UnpairedSurrogateInType_Throws()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"sub\":\"1\"}");
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(payload, Key, "at+\ud800")).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(payload, Key, "at+\udfff")).ParamName);
        Assert.Throws<ArgumentException>(() => Jws.Sign(payload, Key, "\ud800"));
    }

    [Fact]
    public void TryEncode_ReturnsFalseOnAShortDestination_AndWritesNothing()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"sub\":\"1\"}");
        int length = MiniJwt.Jwt.GetEncodedLength(payload.Length, Key);
        byte[] destination = new byte[length - 1];
        Assert.False(MiniJwt.Jwt.TryEncode(payload, Key, destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));

        destination = new byte[length];
        Assert.True(MiniJwt.Jwt.TryEncode(payload, Key, destination, out written));
        Assert.Equal(length, written);
        Assert.Equal(MiniJwt.Jwt.Encode(payload, Key), Encoding.ASCII.GetString(destination));
    }

    [Fact]
    public void Encode_IntoAShortDestination_ThrowsArgumentException()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"sub\":\"1\"}");
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(payload, Key, new byte[10])).ParamName);
    }

    [Fact]
    public void TryEncode_StillThrowsForAPayloadThatIsNotAJsonObject()
    {
        // A bad payload is a mistake of the caller, not a short buffer: no size would make it succeed.
        Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.TryEncode("[1]"u8, Key, new byte[512], out _));
    }

    [Fact]
    public void TryReadHeaderUnverified_UsesTheSameChecksAsVerification()
    {
        string token = MiniJwt.Jwt.Encode(new JwtClaims().Subject("1"), JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId: "k1"));
        Assert.True(MiniJwt.Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out JwtError error), error.ToString());
        Assert.Equal("k1", header.KeyId);
        Assert.Equal(JwtAlgorithm.HS256, header.Algorithm);

        Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified(null, out _, out error));
        Assert.Equal(JwtErrorCode.Empty, error.Code);
        Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified(token, out _, out error, maxTokenLength: token.Length - 1));
        Assert.Equal(JwtErrorCode.TokenTooLarge, error.Code);
        Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified("é" + token, out _, out error));
        Assert.Equal(JwtErrorCode.Malformed, error.Code);
        Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified("e30." + token, out _, out error));
        Assert.Equal(JwtErrorCode.Malformed, error.Code);
    }

    // ---- The asynchronous decode against a remote key set (a real server on 127.0.0.1) ----

    private static readonly JwtValidationOptions Es256 = new(JwtAlgorithm.ES256);

    private static (JwksTestServer Server, RemoteJwtKeySet Remote) RemoteSet(params JwtKey[] published)
    {
        var server = new JwksTestServer();
        server.Publish(published);
        return (server, RemoteJwtKeySet.FromJwksUri(server.JwksUri, new RemoteJwtKeySetOptions { TimeProvider = new ManualTimeProvider() }));
    }

    [Fact]
    public async System.Threading.Tasks.Task DecodeAsync_waits_for_the_refresh_that_brings_a_new_kid()
    {
        JwtKey k1 = Keys.RemoteJwtKeySetTests.NewKey("k1"), k2 = Keys.RemoteJwtKeySetTests.NewKey("k2");
        (JwksTestServer server, RemoteJwtKeySet remote) = RemoteSet(k1);
        using (server)
        using (remote)
        {
            // No copy yet: the first decode waits for the first fetch.
            JwtToken token = await MiniJwt.Jwt.DecodeAsync(Keys.RemoteJwtKeySetTests.TokenFor(k1, "a"), remote.KeySet, Es256, TestContext.Current.CancellationToken);
            Assert.Equal("a", token.Subject);
            Assert.Equal(1, server.JwksRequests);

            // A known kid: completed at once, no request.
            System.Threading.Tasks.Task<JwtToken> known = MiniJwt.Jwt.DecodeAsync(Keys.RemoteJwtKeySetTests.TokenFor(k1), remote.KeySet, Es256, TestContext.Current.CancellationToken);
            Assert.True(known.IsCompletedSuccessfully);
            Assert.Equal(1, server.JwksRequests);

            // A new kid within the cooldown: refused (KeyNotFound), no request; the synchronous decode says the same.
            server.Publish(k1, k2);
            string fresh = Keys.RemoteJwtKeySetTests.TokenFor(k2, "b");
            JwtException refused = await Assert.ThrowsAsync<JwtException>(() => MiniJwt.Jwt.DecodeAsync(fresh, remote.KeySet, Es256, TestContext.Current.CancellationToken));
            Assert.Equal(JwtErrorCode.KeyNotFound, refused.Code);
            Assert.Equal(1, server.JwksRequests);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task DecodeAsync_after_the_cooldown_fetches_once_and_verifies_the_new_kid()
    {
        JwtKey k1 = Keys.RemoteJwtKeySetTests.NewKey("k1"), k2 = Keys.RemoteJwtKeySetTests.NewKey("k2");
        var clock = new ManualTimeProvider();
        using var server = new JwksTestServer();
        server.Publish(k1);
        using RemoteJwtKeySet remote = RemoteJwtKeySet.FromJwksUri(server.JwksUri, new RemoteJwtKeySetOptions { TimeProvider = clock });
        Assert.True(await remote.RefreshAsync(TestContext.Current.CancellationToken));
        server.Publish(k1, k2);
        clock.Advance(TimeSpan.FromSeconds(30));

        string fresh = Keys.RemoteJwtKeySetTests.TokenFor(k2, "b");
        Assert.Equal("b", (await MiniJwt.Jwt.DecodeAsync(fresh, remote.KeySet, Es256, TestContext.Current.CancellationToken)).Subject);
        Assert.Equal(2, server.JwksRequests);
        Assert.True(MiniJwt.Jwt.TryDecode(fresh, remote.KeySet, Es256, out _, out _));
    }

    [Fact]
    public async System.Threading.Tasks.Task DecodeAsync_with_no_good_set_refuses_with_KeySetUnavailable()
    {
        (JwksTestServer server, RemoteJwtKeySet remote) = RemoteSet(Keys.RemoteJwtKeySetTests.NewKey("k1"));
        using (server)
        using (remote)
        {
            server.Mode = JwksServerMode.Error500;
            string token = Keys.RemoteJwtKeySetTests.TokenFor(Keys.RemoteJwtKeySetTests.NewKey("k1"));
            JwtException refused = await Assert.ThrowsAsync<JwtException>(() => MiniJwt.Jwt.DecodeAsync(token, remote.KeySet, Es256, TestContext.Current.CancellationToken));
            Assert.Equal(new JwtError(JwtErrorCode.KeySetUnavailable), refused.Error);
            Assert.False(MiniJwt.Jwt.TryDecode(token, remote.KeySet, Es256, out _, out JwtError error));
            Assert.Equal(JwtErrorCode.KeySetUnavailable, error.Code);
            Assert.Equal(1, server.JwksRequests);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task WaitForKeyAsync_fetches_nothing_for_an_unreadable_token_or_an_algorithm_outside_the_allow_list()
    {
        (JwksTestServer server, RemoteJwtKeySet remote) = RemoteSet(Keys.RemoteJwtKeySetTests.NewKey("k1"));
        using (server)
        using (remote)
        {
            await MiniJwt.Jwt.WaitForKeyAsync("not.a.token", remote.KeySet, Es256, TestContext.Current.CancellationToken);
            await MiniJwt.Jwt.WaitForKeyAsync(null, remote.KeySet, Es256, TestContext.Current.CancellationToken);
            string rs256 = MiniJwt.Jwt.Encode("{}"u8, TestKeys.For(JwtAlgorithm.RS256, "r"));
            await MiniJwt.Jwt.WaitForKeyAsync(rs256, remote.KeySet, Es256, TestContext.Current.CancellationToken);
            await remote.PendingRefresh;
            Assert.Equal(0, server.JwksRequests);

            await MiniJwt.Jwt.WaitForKeyAsync(Keys.RemoteJwtKeySetTests.TokenFor(Keys.RemoteJwtKeySetTests.NewKey("k9")), remote.KeySet, Es256, TestContext.Current.CancellationToken);
            Assert.Equal(1, server.JwksRequests);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task DecodeAsync_with_a_set_given_directly_is_the_synchronous_decode()
    {
        JwtKey k1 = Keys.RemoteJwtKeySetTests.NewKey("k1");
        var set = new JwtKeySet(k1.ToPublicKey());
        System.Threading.Tasks.Task<JwtToken> good = MiniJwt.Jwt.DecodeAsync(Keys.RemoteJwtKeySetTests.TokenFor(k1, "s"), set, Es256, TestContext.Current.CancellationToken);
        Assert.True(good.IsCompletedSuccessfully);
        Assert.Equal("s", (await good).Subject);

        System.Threading.Tasks.Task<JwtToken> bad = MiniJwt.Jwt.DecodeAsync("x.y.z", set, Es256, TestContext.Current.CancellationToken);
        Assert.True(bad.IsFaulted);
        Assert.NotEqual(JwtErrorCode.None, (await Assert.ThrowsAsync<JwtException>(() => bad)).Code);
        Assert.Throws<ArgumentNullException>(() => { _ = MiniJwt.Jwt.DecodeAsync("x", null!, Es256, TestContext.Current.CancellationToken); });
    }
}
