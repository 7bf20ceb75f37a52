using System;
using System.Collections.Generic;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwsLayer;

/// <summary>
/// Verification against a key set (<see cref="MiniJwt.Jws.TryVerify(string?, JwtKeySet, JwsValidationOptions, out JwsToken, out JwtError)"/>,
/// <see cref="MiniJwt.Jwt.TryDecode(string?, JwtKeySet, JwtValidationOptions, out JwtToken, out JwtError)"/> and their
/// byte and throwing forms): the set's one choice from the header, read once.
/// </summary>
public class KeySetChooserTests
{
    private static readonly JwtKey A = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, "a");
    private static readonly JwtKey B = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64.ToUpperInvariant(), "b");
    private static readonly JwtKey C = JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64 + "c", "c");
    private static readonly JwtKey D = JwtKey.FromSecret(JwtAlgorithm.HS512, TestKeys.Secret64 + "d", "d");
    private static readonly JwtKeySet Set = new(A, B, C, D);

    private static readonly JwsValidationOptions JwsOptions = new(JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512);
    private static readonly JwtValidationOptions JwtOptions = new(JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512) { RequireExpiration = false };

    private static string B64(string json) => JwtBase64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static string Forge(string headerJson, string payload, JwtKey key)
    {
        string input = B64(headerJson) + "." + B64(payload);
        byte[] signature = new byte[key.SignatureSize];
        int written = key.Sign(Encoding.ASCII.GetBytes(input), signature);
        return input + "." + JwtBase64Url.EncodeToString(signature.AsSpan(0, written));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData(null)]
    public void EachKeyOfTheSet_VerifiesItsOwnTokens_ByKid_InEveryForm(string? type)
    {
        foreach (JwtKey key in new[] { A, B, C, D })
        {
            string token = MiniJwt.Jws.Sign("payload"u8, key, type);
            Assert.True(MiniJwt.Jws.TryVerify(token, Set, JwsOptions, out JwsToken jws, out JwtError error), error.ToString());
            Assert.Equal(key.KeyId, jws.Header.KeyId);
            Assert.Equal(key.Algorithm, jws.Header.Algorithm);
            Assert.Equal(type, jws.Header.Type);
            Assert.Equal("payload"u8.ToArray(), jws.GetPayload());
            Assert.True(MiniJwt.Jws.TryVerify(Encoding.ASCII.GetBytes(token), Set, JwsOptions, out JwsToken fromBytes, out error), error.ToString());
            Assert.Equal(token, fromBytes.Token);
            Assert.Equal(key.KeyId, MiniJwt.Jws.Verify(token, Set, JwsOptions).Header.KeyId);
        }
    }

    [Fact]
    public void Jwt_DecodesAgainstTheSet_InEveryForm_AndChecksTheClaims()
    {
        string token = MiniJwt.Jwt.Encode(new JwtClaims().Subject("alice"), C);
        Assert.True(MiniJwt.Jwt.TryDecode(token, Set, JwtOptions, out JwtToken jwt, out JwtError error), error.ToString());
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal("c", jwt.Header.KeyId);
        Assert.True(MiniJwt.Jwt.TryDecode(Encoding.ASCII.GetBytes(token), Set, JwtOptions, out jwt, out error), error.ToString());
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal("alice", MiniJwt.Jwt.Decode(token, Set, JwtOptions).Subject);

        // The claims still count: an expired token is refused after the set chose its key.
        string expired = MiniJwt.Jwt.Encode(new JwtClaims().Subject("alice").ExpiresAt(DateTimeOffset.UnixEpoch.AddSeconds(1)), A);
        Assert.False(MiniJwt.Jwt.TryDecode(expired, Set, JwtOptions, out _, out error));
        Assert.Equal(JwtErrorCode.Expired, error.Code);
        Assert.Equal(JwtErrorCode.Expired, Assert.Throws<JwtException>(() => MiniJwt.Jwt.Decode(expired, Set, JwtOptions)).Code);
    }

    [Fact]
    public void AHeaderThatIsNotAKeysOwn_IsDecoded_AndChoosesTheSameWay()
    {
        // Extra parameters and another member order leave the fast path; the choice is the same.
        string token = Forge("{\"kid\":\"b\",\"cty\":\"text\",\"alg\":\"HS256\"}", "x", B);
        JwsToken jws = MiniJwt.Jws.Verify(token, Set, JwsOptions);
        Assert.Equal("b", jws.Header.KeyId);
        Assert.Equal("text", jws.Header.ContentType);

        // The kid names A: B's signature is not tried as a fallback.
        string wrong = Forge("{\"kid\":\"a\",\"cty\":\"text\",\"alg\":\"HS256\"}", "x", B);
        Assert.False(MiniJwt.Jws.TryVerify(wrong, Set, JwsOptions, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
    }

    [Fact]
    public void ATokenSignedByAnotherKeyOfTheSet_UnderTheKidOfTheFirst_IsRefused()
    {
        // Fast path: B's signature over a header that is exactly A's.
        string token = MiniJwt.Jws.Sign("x"u8, A, "JWT");
        string forged = token[..token.LastIndexOf('.')] + MiniJwt.Jws.Sign("x"u8, B, "JWT")[token.LastIndexOf('.')..];
        Assert.False(MiniJwt.Jws.TryVerify(forged, Set, JwsOptions, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
    }

    [Fact]
    public void WithoutKid_TheOneKeyOfTheAlgorithm_IsChosen_AndTwoAreAmbiguous()
    {
        JwtKey noKid = JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64);
        string token = MiniJwt.Jws.Sign("x"u8, noKid);
        Assert.True(MiniJwt.Jws.TryVerify(token, new JwtKeySet(A, noKid), JwsOptions, out _, out JwtError error), error.ToString());

        string hs256 = MiniJwt.Jws.Sign("x"u8, JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64));
        Assert.False(MiniJwt.Jws.TryVerify(hs256, Set, JwsOptions, out _, out error));
        Assert.Equal(new JwtError(JwtErrorCode.AmbiguousKey, "header", "alg"), error);
        Assert.Equal(JwtErrorCode.AmbiguousKey, Assert.Throws<JwtException>(() => MiniJwt.Jws.Verify(hs256, Set, JwsOptions)).Code);
    }

    [Fact]
    public void AnUnknownKid_OrAKidOfAnotherAlgorithm_IsKeyNotFound()
    {
        string unknown = MiniJwt.Jws.Sign("x"u8, JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, "z"));
        Assert.False(MiniJwt.Jws.TryVerify(unknown, Set, JwsOptions, out _, out JwtError error));
        Assert.Equal(new JwtError(JwtErrorCode.KeyNotFound, "header", "kid"), error);

        // "c" is an HS384 key: an HS256 token naming it finds nothing (and its secret is never used as HS256).
        string otherAlgorithm = MiniJwt.Jws.Sign("x"u8, JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64 + "c", "c"));
        Assert.False(MiniJwt.Jws.TryVerify(otherAlgorithm, Set, JwsOptions, out _, out error));
        Assert.Equal(new JwtError(JwtErrorCode.KeyNotFound, "header", "kid"), error);

        // The empty set finds nothing.
        Assert.False(MiniJwt.Jws.TryVerify(MiniJwt.Jws.Sign("x"u8, A), new JwtKeySet(), JwsOptions, out _, out error));
        Assert.Equal(JwtErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public void TheAllowList_IsCheckedBeforeTheKeyIsChosen()
    {
        string token = MiniJwt.Jws.Sign("x"u8, C);
        Assert.False(MiniJwt.Jws.TryVerify(token, Set, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(new JwtError(JwtErrorCode.AlgorithmNotAllowed, "header", "alg"), error);

        // Before the set's own refusal too: the order is the single key's.
        var mixed = new JwtKeySet(A, JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa, "r").ToPublicKey());
        Assert.False(MiniJwt.Jws.TryVerify(token, mixed, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out error));
        Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, error.Code);

        string none = B64("{\"alg\":\"none\",\"kid\":\"a\"}") + "." + B64("x") + ".";
        Assert.False(MiniJwt.Jws.TryVerify(none, Set, JwsOptions, out _, out error));
        Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, error.Code);
    }

    [Fact]
    public void AMixedSet_VerifiesNothing()
    {
        JwtKey rsa = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa, "r");
        var mixed = new JwtKeySet(A, rsa.ToPublicKey());
        var options = new JwsValidationOptions(JwtAlgorithm.HS256, JwtAlgorithm.RS256);
        foreach (string token in new[] { MiniJwt.Jws.Sign("x"u8, A), MiniJwt.Jws.Sign("x"u8, rsa) })
        {
            Assert.False(MiniJwt.Jws.TryVerify(token, mixed, options, out _, out JwtError error));
            Assert.Equal(new JwtError(JwtErrorCode.MixedKeySet), error);
        }
    }

    [Fact]
    public void HeaderErrorsAfterTheChoice_AreReportedAsWithOneKey()
    {
        string critical = Forge("{\"alg\":\"HS256\",\"kid\":\"a\",\"crit\":[\"x\"],\"x\":1}", "x", A);
        Assert.False(MiniJwt.Jws.TryVerify(critical, Set, JwsOptions, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.UnsupportedCritical, error.Code);

        string badKid = Forge("{\"alg\":\"HS256\",\"kid\":1}", "x", A);
        Assert.False(MiniJwt.Jws.TryVerify(badKid, new JwtKeySet(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64)), JwsOptions, out _, out error));
        Assert.Equal(new JwtError(JwtErrorCode.InvalidHeader, "header", "kid"), error);
    }

    [Fact]
    public void AKeyWhoseJwkForbidsVerify_IsNeverChosen()
    {
        JwtKey signOnly = JwtKey.FromJwk(
            "{\"kty\":\"oct\",\"kid\":\"s\",\"alg\":\"HS256\",\"key_ops\":[\"sign\"],\"k\":\"" + JwtBase64Url.EncodeToString(Encoding.UTF8.GetBytes(TestKeys.Secret64)) + "\"}");
        string token = MiniJwt.Jws.Sign("x"u8, signOnly);
        Assert.False(MiniJwt.Jws.TryVerify(token, new JwtKeySet(signOnly), JwsOptions, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public void BadTokens_AreRefusedWithoutThrowing()
    {
        foreach (string? token in new[] { null, "", "a.b", "a.b.c.d", "é.a.b", "!!!.a.b" })
        {
            Assert.False(MiniJwt.Jws.TryVerify(token, Set, JwsOptions, out _, out _));
            Assert.False(MiniJwt.Jwt.TryDecode(token, Set, JwtOptions, out _, out _));
            Assert.False(MiniJwt.Jwt.TryDecode(Encoding.UTF8.GetBytes(token ?? string.Empty), Set, JwtOptions, out _, out _));
        }
    }

    [Fact]
    public void NullSetOrOptions_Throw()
    {
        string token = MiniJwt.Jws.Sign("x"u8, A);
        Assert.Throws<ArgumentNullException>("keys", () => MiniJwt.Jws.TryVerify(token, (JwtKeySet)null!, JwsOptions, out _, out _));
        Assert.Throws<ArgumentNullException>("keys", () => MiniJwt.Jws.TryVerify(Encoding.ASCII.GetBytes(token), (JwtKeySet)null!, JwsOptions, out _, out _));
        Assert.Throws<ArgumentNullException>("options", () => MiniJwt.Jws.TryVerify(token, Set, null!, out _, out _));
        Assert.Throws<ArgumentNullException>("keys", () => MiniJwt.Jwt.TryDecode(token, (JwtKeySet)null!, JwtOptions, out _, out _));
        Assert.Throws<ArgumentNullException>("keys", () => MiniJwt.Jwt.TryDecode(Encoding.ASCII.GetBytes(token), (JwtKeySet)null!, JwtOptions, out _, out _));
        Assert.Throws<ArgumentNullException>("options", () => MiniJwt.Jwt.TryDecode(token, Set, null!, out _, out _));
        Assert.Throws<ArgumentNullException>("keys", () => MiniJwt.Jwt.Decode(token, (JwtKeySet)null!, JwtOptions));
    }

    [Fact]
    public void ALiveSet_IsReadAtEachVerification_AndToldOfAMissingKid()
    {
        var source = new SwappableSource();
        var live = new JwtKeySet(source);
        string token = MiniJwt.Jws.Sign("x"u8, B);

        Assert.False(MiniJwt.Jws.TryVerify(token, live, JwsOptions, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyNotFound, error.Code);
        Assert.Equal([("b", JwtAlgorithm.HS256)], source.NotFound);

        source.Current = new JwtKeySet(A);
        Assert.False(MiniJwt.Jws.TryVerify(token, live, JwsOptions, out _, out error));
        Assert.Equal(JwtErrorCode.KeyNotFound, error.Code);

        source.Current = Set;
        Assert.True(MiniJwt.Jws.TryVerify(token, live, JwsOptions, out _, out error), error.ToString());
        Assert.True(MiniJwt.Jwt.TryDecode(MiniJwt.Jwt.Encode(new JwtClaims().Subject("s"), B), live, JwtOptions, out _, out error), error.ToString());
        Assert.Equal(2, source.NotFound.Count);

        // An ambiguous choice is no reason to refresh.
        Assert.False(MiniJwt.Jws.TryVerify(MiniJwt.Jws.Sign("x"u8, JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64)), live, JwsOptions, out _, out error));
        Assert.Equal(JwtErrorCode.AmbiguousKey, error.Code);
        Assert.Equal(2, source.NotFound.Count);
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
