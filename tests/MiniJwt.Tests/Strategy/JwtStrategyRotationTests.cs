using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>
/// Key rotation in the strategy: a signing key with a <c>kid</c>, further verification keys (PEM, JWK or JWK Set, or a
/// live set looked up at each read), the public JWK Set, and the fastapi-users byte identity when no <c>kid</c> is set.
/// </summary>
public class JwtStrategyRotationTests
{
    private const string OldSecret = "the previous HMAC secret of the rotation, 32+ bytes long";
    private const string NewSecret = "the current HMAC secret of the rotation, also 32+ bytes";

    private readonly TestClock _clock = new(Strategies.Now);
    private readonly TestUserManager _manager = new();
    private readonly TestUser _user;

    public JwtStrategyRotationTests() => _user = _manager.Add(new TestUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"), "arthur@camelot.bt"));

    private static JwtHeader HeaderOf(string token)
    {
        Assert.True(Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out JwtError error), error.ToString());
        return header;
    }

    private JwtStrategy<TestUser, Guid> Hs256(string secret, string? keyId = null, JwtKeySet? verificationKeys = null) =>
        new(secret, 3600, timeProvider: _clock, keyId: keyId, verificationKeys: verificationKeys);

    [Fact]
    public async Task WithoutKid_TokensAreTheSame_WithOrWithoutVerificationKeys()
    {
        string plain = await new JwtStrategy<TestUser, Guid>(NewSecret, 3600, timeProvider: _clock).WriteTokenAsync(_user);
        var withOld = Hs256(NewSecret, verificationKeys: new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS384, OldSecret + " and longer still, to 48", "old")));
        Assert.Equal(plain, await withOld.WriteTokenAsync(_user));
        Assert.Null(HeaderOf(plain).KeyId);
        Assert.Equal(JwtBase64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8), plain[..plain.IndexOf('.')]);
        Assert.Same(_user, await withOld.ReadTokenAsync(plain, _manager));
    }

    [Fact]
    public async Task AKid_IsWrittenToEveryToken_AndTokensFromBeforeTheKidStillRead()
    {
        var before = Hs256(NewSecret);
        string old = await before.WriteTokenAsync(_user);

        var strategy = Hs256(NewSecret, keyId: "2026-11");
        string token = await strategy.WriteTokenAsync(_user);
        Assert.Equal("2026-11", HeaderOf(token).KeyId);
        Assert.Equal("2026-11", strategy.EncodeKey.KeyId);
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));

        // Step 1 of a rotation: tokens written without a kid are still read (the one key of their alg).
        Assert.Same(_user, await strategy.ReadTokenAsync(old, _manager));

        // A kid the strategy does not have is refused, even with the right key.
        string otherKid = Jwt.Encode(new JwtClaims().Subject(_user.Id.ToString()).Audience("fastapi-users:auth").ExpiresAt(DateTimeOffset.FromUnixTimeSeconds(Strategies.Now + 60)),
            JwtKey.FromSecret(JwtAlgorithm.HS256, NewSecret, "2026-10"));
        StrategyReadResult<TestUser> refused = await strategy.ReadTokenWithReasonAsync(otherKid, _manager);
        Assert.Null(refused.User);
        Assert.Equal(JwtErrorCode.KeyNotFound, refused.Error.Code);
    }

    [Fact]
    public async Task Hs256Rotation_PreviousSecretReadsUntilItsTokensExpire()
    {
        var previous = Hs256(OldSecret, keyId: "k1");
        string oldToken = await previous.WriteTokenAsync(_user);

        var current = Hs256(NewSecret, keyId: "k2", verificationKeys: new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, OldSecret, "k1")));
        string newToken = await current.WriteTokenAsync(_user);
        Assert.Equal("k2", HeaderOf(newToken).KeyId);
        Assert.Same(_user, await current.ReadTokenAsync(oldToken, _manager));
        Assert.Same(_user, await current.ReadTokenAsync(newToken, _manager));

        // The previous key verifies only: a token "k1" signed with the new secret is a bad signature, not a fallback.
        string swapped = Jwt.Encode(new JwtClaims().Subject(_user.Id.ToString()).Audience("fastapi-users:auth").ExpiresAt(DateTimeOffset.FromUnixTimeSeconds(Strategies.Now + 60)),
            JwtKey.FromSecret(JwtAlgorithm.HS256, NewSecret, "k1"));
        Assert.Equal(JwtErrorCode.InvalidSignature, (await current.ReadTokenWithReasonAsync(swapped, _manager)).Error.Code);

        // An hour later the old token has expired; then the old key can go.
        _clock.UnixSeconds += 3601;
        Assert.Equal(JwtErrorCode.Expired, (await current.ReadTokenWithReasonAsync(oldToken, _manager)).Error.Code);
        var final = Hs256(NewSecret, keyId: "k2");
        Assert.Equal(JwtErrorCode.KeyNotFound, (await final.ReadTokenWithReasonAsync(oldToken, _manager)).Error.Code);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task KeyPairRotation_ThroughThePublishedJwkSet(string algorithm)
    {
        string oldPem = algorithm == "RS256" ? StrategyTestKeys.Rsa.Private : StrategyTestKeys.Ec.Private;
        var previous = new JwtStrategy<TestUser, Guid>(oldPem, 3600, algorithm: algorithm, timeProvider: _clock, keyId: "old");
        string oldToken = await previous.WriteTokenAsync(_user);

        // The previous strategy's published set becomes the next one's verification keys.
        string published = previous.GetPublicJwkSet();
        Assert.DoesNotContain("\"d\"", published, StringComparison.Ordinal);
        JwtKeySet previousKeys = JwtKeySet.Parse(published);

        string newPem = ExportPrivatePem(algorithm);
        var current = new JwtStrategy<TestUser, Guid>(newPem, 3600, algorithm: algorithm, timeProvider: _clock, keyId: "new", verificationKeys: previousKeys);
        Assert.Same(_user, await current.ReadTokenAsync(oldToken, _manager));
        Assert.Same(_user, await current.ReadTokenAsync(await current.WriteTokenAsync(_user), _manager));
        Assert.Same(previousKeys, current.VerificationKeys);

        // Its own set lists the new key first, then the old one; every member public, with its kid and alg.
        using JsonDocument set = JsonDocument.Parse(current.GetPublicJwkSet());
        JsonElement[] keys = [.. set.RootElement.GetProperty("keys").EnumerateArray()];
        Assert.Equal(["new", "old"], keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.All(keys, k => Assert.Equal(algorithm, k.GetProperty("alg").GetString()));
        Assert.All(keys, k => Assert.False(k.TryGetProperty("d", out _)));

        // Another verifier reads the new tokens with the published set alone.
        var options = new JwtValidationOptions(Enum.Parse<JwtAlgorithm>(algorithm)) { Audiences = ["fastapi-users:auth"], TimeProvider = _clock };
        Assert.True(Jwt.TryDecode(await current.WriteTokenAsync(_user), JwtKeySet.Parse(current.GetPublicJwkSet()), options, out _, out JwtError error), error.ToString());
    }

    [Fact]
    public async Task VerificationKeys_MayBePem_OrOfAnotherAlgorithmOfTheKind()
    {
        // The previous key was RS256 (given as PEM with its kid); the strategy now signs ES256.
        var previous = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", timeProvider: _clock, keyId: "rsa");
        string oldToken = await previous.WriteTokenAsync(_user);
        var current = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Ec.Private, 3600, algorithm: "ES256", timeProvider: _clock, keyId: "ec",
            verificationKeys: new JwtKeySet(JwtKey.FromPem(JwtAlgorithm.RS256, StrategyTestKeys.Rsa.Public, "rsa")));
        Assert.Same(_user, await current.ReadTokenAsync(oldToken, _manager));

        // Only the algorithms of its keys are accepted.
        string ps256 = Jwt.Encode(new JwtClaims().Subject(_user.Id.ToString()).Audience("fastapi-users:auth").ExpiresAt(DateTimeOffset.FromUnixTimeSeconds(Strategies.Now + 60)),
            JwtKey.FromPem(JwtAlgorithm.PS256, StrategyTestKeys.Rsa.Private, "rsa"));
        Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, (await current.ReadTokenWithReasonAsync(ps256, _manager)).Error.Code);
    }

    [Fact]
    public async Task TheSecret_MayBeAJwk_WhoseKidNamesTheKey()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string jwk = JwtKey.FromECDsa(JwtAlgorithm.ES256, ec, "from-jwk").ToJwk(includePrivate: true);
        var strategy = new JwtStrategy<TestUser, Guid>(jwk, 3600, algorithm: "ES256", timeProvider: _clock);
        string token = await strategy.WriteTokenAsync(_user);
        Assert.Equal("from-jwk", HeaderOf(token).KeyId);
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
        Assert.Same(_user, await new JwtStrategy<TestUser, Guid>(jwk, 3600, algorithm: "ES256", timeProvider: _clock, keyId: "from-jwk").ReadTokenAsync(token, _manager));

        // publicKey may be a JWK too.
        string publicJwk = JwtKey.FromECDsa(JwtAlgorithm.ES256, ec).ToPublicKey().ToJwk();
        var withPublic = new JwtStrategy<TestUser, Guid>(jwk, 3600, algorithm: "ES256", publicKey: publicJwk, timeProvider: _clock);
        Assert.Same(_user, await withPublic.ReadTokenAsync(token, _manager));

        // An oct JWK for HS256.
        string oct = JwtKey.FromSecret(JwtAlgorithm.HS256, NewSecret, "hs").ToJwk(includePrivate: true);
        var hs = Hs256(oct);
        Assert.Equal("hs", HeaderOf(await hs.WriteTokenAsync(_user)).KeyId);
    }

    [Fact]
    public void JwkSecrets_AreCheckedAtConstruction()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string withKid = JwtKey.FromECDsa(JwtAlgorithm.ES256, ec, "a").ToJwk(includePrivate: true);
        string withoutKid = JwtKey.FromECDsa(JwtAlgorithm.ES256, ec).ToJwk(includePrivate: true);

        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(withKid, 3600, algorithm: "ES256", keyId: "b"));
        Assert.Equal("keyId", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(withoutKid, 3600, algorithm: "ES256", keyId: "b"));
        Assert.Equal("keyId", e.ParamName);
        Assert.Contains("\"kid\":\"b\"", e.Message, StringComparison.Ordinal);

        // A public JWK cannot sign; a JWK of another algorithm does not fit.
        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(JwtKey.FromECDsa(JwtAlgorithm.ES256, ec).ToPublicKey().ToJwk(), 3600, algorithm: "ES256"));
        Assert.Equal("secret", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(withKid, 3600, algorithm: "ES384"));
        Assert.Equal("secret", e.ParamName);

        // An oct JWK whose key_ops leave out sign.
        string verifyOnly = "{\"kty\":\"oct\",\"alg\":\"HS256\",\"key_ops\":[\"verify\"],\"k\":\"" + JwtBase64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(NewSecret)) + "\"}";
        e = Assert.Throws<ArgumentException>(() => Hs256(verifyOnly));
        Assert.Equal("secret", e.ParamName);
        Assert.Contains("key_ops", e.Message, StringComparison.Ordinal);

        // A publicKey JWK with another kid than the signing key's.
        string otherKid = JwtKey.FromECDsa(JwtAlgorithm.ES256, ec, "z").ToPublicKey().ToJwk();
        Assert.Equal("publicKey", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(withKid, 3600, algorithm: "ES256", publicKey: otherKid)).ParamName);
    }

    [Fact]
    public void VerificationKeys_AreCheckedAtConstruction()
    {
        // Secrets with public keys.
        var e = Assert.Throws<ArgumentException>(() => Hs256(NewSecret, "k", new JwtKeySet(JwtKey.FromPem(JwtAlgorithm.RS256, StrategyTestKeys.Rsa.Public, "r"))));
        Assert.Equal("verificationKeys", e.ParamName);
        Assert.Contains("mixes", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256",
            verificationKeys: new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, OldSecret, "h"))));
        Assert.Equal("verificationKeys", e.ParamName);

        // Another key under the signing key's kid and algorithm.
        e = Assert.Throws<ArgumentException>(() => Hs256(NewSecret, "k", new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, OldSecret, "k"))));
        Assert.Equal("verificationKeys", e.ParamName);
        Assert.Contains("own kid", e.Message, StringComparison.Ordinal);

        // Without a kid, another key of the signing algorithm would leave the strategy's own tokens ambiguous.
        e = Assert.Throws<ArgumentException>(() => Hs256(NewSecret, verificationKeys: new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, OldSecret, "old"))));
        Assert.Equal("keyId", e.ParamName);
        Assert.Contains("kid", e.Message, StringComparison.Ordinal);

        // The signing key itself may be in the set (a whole published set given back).
        var strategy = Hs256(NewSecret, "k", new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, NewSecret, "k"), JwtKey.FromSecret(JwtAlgorithm.HS256, OldSecret, "j")));
        Assert.NotNull(strategy.VerificationKeys);
    }

    [Fact]
    public void ThePublicJwkSet_IsForKeyPairsOnly()
    {
        Assert.Throws<InvalidOperationException>(() => Hs256(NewSecret, "k").GetPublicJwkSet());

        // Without a kid: one public key, no kid.
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Ec.Private, 3600, algorithm: "ES256");
        JwtKeySet set = JwtKeySet.Parse(strategy.GetPublicJwkSet());
        JwtKey key = Assert.Single(set.Keys);
        Assert.Null(key.KeyId);
        Assert.False(key.CanSign);
        Assert.True(key.PublicKeyEquals(strategy.DecodeKey));
    }

    [Fact]
    public async Task ALiveSet_IsLookedUpAtEachRead()
    {
        var source = new SwappableSource();
        var live = new JwtKeySet(source);
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Ec.Private, 3600, algorithm: "ES256", timeProvider: _clock, keyId: "own", verificationKeys: live);

        // Its own tokens read before the live set has keys.
        Assert.Same(_user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(_user), _manager));

        // A key that appears in the live set after construction is used at the next read.
        var remote = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", timeProvider: _clock, keyId: "remote");
        string remoteToken = await remote.WriteTokenAsync(_user);
        // (the live set has no copy at all yet: its own refusal, KeySetUnavailable, not KeyNotFound)
        Assert.Equal(JwtErrorCode.KeySetUnavailable, (await strategy.ReadTokenWithReasonAsync(remoteToken, _manager)).Error.Code);
        Assert.Equal([("remote", JwtAlgorithm.RS256)], source.NotFound);

        source.Current = JwtKeySet.Parse(remote.GetPublicJwkSet());
        Assert.Same(_user, await strategy.ReadTokenAsync(remoteToken, _manager));
        Assert.Same(_user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(_user), _manager));

        // And is gone when the set drops it.
        source.Current = new JwtKeySet();
        Assert.Equal(JwtErrorCode.KeyNotFound, (await strategy.ReadTokenWithReasonAsync(remoteToken, _manager)).Error.Code);

        // A live set's snapshot that mixes in a secret verifies nothing.
        source.Current = new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, OldSecret, "hs"));
        Assert.Equal(JwtErrorCode.MixedKeySet, (await strategy.ReadTokenWithReasonAsync(await strategy.WriteTokenAsync(_user), _manager)).Error.Code);
    }

    private static string ExportPrivatePem(string algorithm)
    {
        if (algorithm == "RS256")
        {
            using RSA rsa = RSA.Create(2048);
            return rsa.ExportRSAPrivateKeyPem();
        }

        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    private sealed class SwappableSource : IJwtKeySetSource
    {
        public JwtKeySet? Current { get; set; }

        public List<(string?, JwtAlgorithm)> NotFound { get; } = [];

        public void OnKeyNotFound(string? keyId, JwtAlgorithm algorithm) => NotFound.Add((keyId, algorithm));

        public System.Threading.Tasks.Task WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, System.Threading.CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.CompletedTask;
    }
}
