using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>
/// <see cref="JwtKeySet"/>: reading a JWK Set (members skipped and reported, malformed sets refused), building one,
/// writing its public form, and the key choice by <c>kid</c> and <c>alg</c>.
/// </summary>
public class JwtKeySetTests
{
    private static readonly Lazy<JwtKey> s_es256 = new(() => TestKeys.For(JwtAlgorithm.ES256, "ec-1"));

    private static string Set(params string[] members) => "{\"keys\":[" + string.Join(",", members) + "]}";

    // ---- Reading ----

    [Fact]
    public void Rfc7517_A1_set_keeps_the_signature_key_and_reports_the_encryption_key()
    {
        JwtKeySet set = JwtKeySet.Parse(Set(RfcJwks.A1Ec, RfcJwks.A1Rsa));
        JwtKey key = Assert.Single(set.Keys);
        Assert.Equal("2011-04-29", key.KeyId);
        string skipped = Assert.Single(set.SkippedKeys);
        Assert.StartsWith("keys[0] (kid \"1\"): ", skipped, StringComparison.Ordinal);
        Assert.Contains("encryption", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_it_cannot_use_are_skipped_and_reported()
    {
        string okp = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
        string unknown = "{\"kty\":\"PQC\",\"kid\":\"future\"}";
        string badValue = JwkReaderTests.With(JwkReaderTests.With(RfcJwks.A1Rsa, "kid", "bad"), "n", "not base64!");
        string noAlg = RfcJwks.A3Hmac;
        JwtKeySet set = JwtKeySet.Parse(Set(okp, unknown, badValue, noAlg, RfcJwks.A1Rsa));
        Assert.Equal(["2011-04-29"], set.Keys.Select(k => k.KeyId));
        Assert.Equal(4, set.SkippedKeys.Count);
        Assert.Contains("EdDSA is not supported", set.SkippedKeys[0], StringComparison.Ordinal);
        Assert.Contains("kty", set.SkippedKeys[1], StringComparison.Ordinal);
        Assert.Contains("Base64Url", set.SkippedKeys[2], StringComparison.Ordinal);
        Assert.Contains("no 'alg'", set.SkippedKeys[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_report_shows_a_long_or_odd_kid_on_one_line()
    {
        string kid = new string('k', 100) + "\n";
        JwtKeySet set = JwtKeySet.Parse(Set(JwkReaderTests.With(RfcJwks.A1Ec, "kid", kid)));
        string line = Assert.Single(set.SkippedKeys);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
        Assert.Contains(new string('k', 64) + "…", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_without_alg_is_bound_to_each_given_algorithm_that_fits()
    {
        string noAlg = JwkReaderTests.Without(RfcJwks.A1Rsa, "alg");
        JwtKeySet set = JwtKeySet.Parse(Set(noAlg, JwkReaderTests.With(RfcJwks.A1Ec, "use", "sig")), [JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256, JwtAlgorithm.ES384]);
        Assert.Equal([JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256], set.Keys.Select(k => k.Algorithm));
        Assert.Empty(set.SkippedKeys);

        JwtKeySet none = JwtKeySet.Parse(Set(noAlg), [JwtAlgorithm.ES256]);
        Assert.Empty(none.Keys);
        Assert.Contains("none of the given algorithms fits", Assert.Single(none.SkippedKeys), StringComparison.Ordinal);
    }

    [Fact]
    public void Members_with_alg_keep_it()
    {
        JwtKeySet set = JwtKeySet.Parse(Set(RfcJwks.A1Rsa), [JwtAlgorithm.PS256]);
        Assert.Equal(JwtAlgorithm.RS256, Assert.Single(set.Keys).Algorithm);
    }

    [Fact]
    public void Weak_members_are_skipped_unless_weak_keys_are_allowed()
    {
        string weak = JwkReaderTests.With(RfcJwks.R3_5Oct, "k", JwtBase64Url.EncodeToString(Encoding.ASCII.GetBytes("short-secret")));
        Assert.Empty(JwtKeySet.Parse(Set(weak)).Keys);
        Assert.Single(JwtKeySet.Parse(Set(weak), allowWeakKeys: true).Keys);
    }

    [Fact]
    public void Empty_set_is_well_formed()
    {
        JwtKeySet set = JwtKeySet.Parse("{\"keys\":[]}");
        Assert.Empty(set.Keys);
        Assert.Empty(set.SkippedKeys);
    }

    [Fact]
    public void Members_other_than_keys_are_ignored()
    {
        Assert.Single(JwtKeySet.Parse("{\"issuer\":\"x\",\"keys\":[" + RfcJwks.A1Rsa + "],\"extra\":{\"keys\":1}}").Keys);
    }

    [Theory]
    [InlineData("", "well-formed")]
    [InlineData("[]", "well-formed")]
    [InlineData("{}", "no 'keys'")]
    [InlineData("{\"keys\":{}}", "not an array")]
    [InlineData("{\"keys\":null}", "not an array")]
    [InlineData("{\"keys\":[1]}", "not a JSON object")]
    [InlineData("{\"keys\":[[]]}", "not a JSON object")]
    [InlineData("{\"keys\":[],\"keys\":[]}", "repeats a member")]
    [InlineData("{\"keys\":[{\"kty\":\"oct\",\"kty\":\"oct\"}]}", "malformed")]
    [InlineData("{\"keys\":[]}x", "well-formed")]
    [InlineData("{\"keys\":[{\"kid\":\"\\uDC00\"}]}", "well-formed")]
    public void Malformed_set_is_an_error(string json, string message)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => JwtKeySet.Parse(json));
        Assert.Equal("json", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.False(JwtKeySet.TryParse(json, default, false, out JwtKeySet? set));
        Assert.Null(set);
        Assert.False(JwtKeySet.TryParse(Encoding.UTF8.GetBytes(json), default, false, out set));
        Assert.Throws<ArgumentException>(() => JwtKeySet.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Null_text_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => JwtKeySet.Parse((string)null!));
        Assert.False(JwtKeySet.TryParse((string?)null, default, false, out _));
    }

    // ---- Choosing a key ----

    [Fact]
    public void Kid_chooses_exactly_that_key_ordinally()
    {
        JwtKey a = TestKeys.For(JwtAlgorithm.HS256, "a");
        var set = new JwtKeySet(a, JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret48, "B"));
        Assert.True(set.TryFindKey("a", JwtAlgorithm.HS256, out JwtKey? key, out JwtErrorCode code));
        Assert.Same(a, key);
        Assert.Equal(JwtErrorCode.None, code);
        AssertNotFound(set, "A", JwtAlgorithm.HS256, JwtErrorCode.KeyNotFound);
        AssertNotFound(set, "b", JwtAlgorithm.HS256, JwtErrorCode.KeyNotFound);
        AssertNotFound(set, "a ", JwtAlgorithm.HS256, JwtErrorCode.KeyNotFound);
    }

    [Fact]
    public void Kid_with_another_algorithm_is_not_a_candidate()
    {
        var set = new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256, "a"));
        AssertNotFound(set, "a", JwtAlgorithm.HS384, JwtErrorCode.KeyNotFound);
    }

    [Fact]
    public void One_kid_for_two_algorithms_chooses_by_alg()
    {
        JwtKeySet set = JwtKeySet.Parse(Set(JwkReaderTests.Without(RfcJwks.A1Rsa, "alg")), [JwtAlgorithm.RS256, JwtAlgorithm.PS384]);
        Assert.True(set.TryFindKey("2011-04-29", JwtAlgorithm.PS384, out JwtKey? key, out _));
        Assert.Equal(JwtAlgorithm.PS384, key.Algorithm);
        Assert.True(set.TryFindKey("2011-04-29", JwtAlgorithm.RS256, out key, out _));
        Assert.Equal(JwtAlgorithm.RS256, key.Algorithm);
    }

    [Fact]
    public void Repeated_kid_is_ambiguous_and_no_key_is_tried()
    {
        string first = JwkReaderTests.With(RfcJwks.R3_5Oct, "kid", "same");
        string second = JwkReaderTests.With(JwkReaderTests.With(RfcJwks.R3_5Oct, "kid", "same"), "k", JwtBase64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
        JwtKeySet set = JwtKeySet.Parse(Set(first, second));
        Assert.Equal(2, set.Keys.Count);
        AssertNotFound(set, "same", JwtAlgorithm.HS256, JwtErrorCode.AmbiguousKey);
    }

    [Fact]
    public void Skipped_signature_member_with_the_same_kid_makes_the_choice_ambiguous()
    {
        // The second member was meant as another HS256 key for "same" but its k is not canonical Base64Url: it is
        // skipped, yet the publisher named two keys "same", so neither is chosen.
        string good = JwkReaderTests.With(RfcJwks.R3_5Oct, "kid", "same");
        string broken = JwkReaderTests.With(good, "k", "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYh");
        JwtKeySet set = JwtKeySet.Parse(Set(good, broken));
        Assert.Single(set.Keys);
        Assert.Single(set.SkippedKeys);
        AssertNotFound(set, "same", JwtAlgorithm.HS256, JwtErrorCode.AmbiguousKey);
        AssertNotFound(set, null, JwtAlgorithm.HS256, JwtErrorCode.AmbiguousKey);

        // A skipped member for another algorithm, or one that is no signature key at all, claims nothing here.
        JwtKeySet other = JwtKeySet.Parse(Set(good, JwkReaderTests.With(broken, "alg", "HS512")));
        Assert.True(other.TryFindKey("same", JwtAlgorithm.HS256, out _, out _));
        JwtKeySet encryption = JwtKeySet.Parse(Set(good, JwkReaderTests.With(broken, "use", "enc")));
        Assert.True(encryption.TryFindKey("same", JwtAlgorithm.HS256, out _, out _));
    }

    [Fact]
    public void Without_kid_the_one_key_for_the_algorithm_is_chosen()
    {
        JwtKey rs = TestKeys.For(JwtAlgorithm.RS256, "r"), es = s_es256.Value;
        var set = new JwtKeySet(rs, es);
        Assert.True(set.TryFindKey(null, JwtAlgorithm.ES256, out JwtKey? key, out _));
        Assert.Same(es, key);
        AssertNotFound(set, null, JwtAlgorithm.PS256, JwtErrorCode.KeyNotFound);

        var two = new JwtKeySet(rs, TestKeys.For(JwtAlgorithm.RS256, "r2"));
        AssertNotFound(two, null, JwtAlgorithm.RS256, JwtErrorCode.AmbiguousKey);
    }

    [Fact]
    public void Undefined_algorithm_finds_nothing()
    {
        var set = new JwtKeySet(s_es256.Value);
        AssertNotFound(set, "ec-1", default, JwtErrorCode.KeyNotFound);
        AssertNotFound(set, null, (JwtAlgorithm)99, JwtErrorCode.KeyNotFound);
    }

    [Fact]
    public void Set_mixing_secrets_with_public_keys_verifies_nothing()
    {
        var set = new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256, "h"), s_es256.Value);
        AssertNotFound(set, "ec-1", JwtAlgorithm.ES256, JwtErrorCode.MixedKeySet);
        AssertNotFound(set, "h", JwtAlgorithm.HS256, JwtErrorCode.MixedKeySet);
    }

    [Fact]
    public void Skipped_secret_still_makes_a_parsed_set_mixed()
    {
        // An oct key for encryption is skipped, but a shared secret in a public key set is a leak all the same.
        JwtKeySet set = JwtKeySet.Parse(Set(RfcJwks.R3_6Oct, RfcJwks.A1Rsa));
        Assert.Single(set.Keys);
        AssertNotFound(set, "2011-04-29", JwtAlgorithm.RS256, JwtErrorCode.MixedKeySet);
    }

    [Fact]
    public void Key_whose_key_ops_forbid_verification_is_never_chosen()
    {
        var node = JwkReaderTests.Parse(JwkReaderTests.With(RfcJwks.A2Ec, "use", "sig"));
        node.Remove("use");
        node["alg"] = "ES256";
        node["key_ops"] = new System.Text.Json.Nodes.JsonArray("sign");
        JwtKeySet set = JwtKeySet.Parse(Set(node.ToJsonString()));
        Assert.Single(set.Keys);
        AssertNotFound(set, "1", JwtAlgorithm.ES256, JwtErrorCode.KeyNotFound);
    }

    [Fact]
    public void Live_set_reads_its_source_at_each_lookup_and_reports_unknown_kids()
    {
        var source = new Source();
        var live = new JwtKeySet(source);
        Assert.Empty(live.Keys);

        // No good copy yet: its own refusal (not KeyNotFound), and a reason to refresh.
        AssertNotFound(live, "ec-1", JwtAlgorithm.ES256, JwtErrorCode.KeySetUnavailable);
        Assert.Equal(["ec-1"], source.Misses);

        source.Current = new JwtKeySet(s_es256.Value);
        AssertNotFound(live, "ec-2", JwtAlgorithm.ES256, JwtErrorCode.KeyNotFound);
        Assert.Equal(["ec-1", "ec-2"], source.Misses);
        source.Misses.Clear();
        Assert.True(live.TryFindKey("ec-1", JwtAlgorithm.ES256, out JwtKey? key, out _));
        Assert.Same(s_es256.Value, key);
        Assert.Single(live.Keys);

        // Ambiguity or mixing is no reason to refresh.
        source.Current = new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256, "h"), s_es256.Value);
        AssertNotFound(live, "h", JwtAlgorithm.HS256, JwtErrorCode.MixedKeySet);
        Assert.Empty(source.Misses);
    }

    [Fact]
    public void Live_set_asks_its_source_to_wait_only_for_a_key_it_does_not_have()
    {
        var source = new Source();
        var live = new JwtKeySet(source);
        Assert.True(live.IsLive);
        Assert.False(new JwtKeySet(s_es256.Value).IsLive);

        Assert.Same(source.Wait, live.WaitForKeyAsync("ec-1", JwtAlgorithm.ES256, TestContext.Current.CancellationToken)); // no copy
        source.Current = new JwtKeySet(s_es256.Value);
        Assert.Same(source.Wait, live.WaitForKeyAsync("other", JwtAlgorithm.ES256, TestContext.Current.CancellationToken)); // unknown kid
        Assert.Same(System.Threading.Tasks.Task.CompletedTask, live.WaitForKeyAsync("ec-1", JwtAlgorithm.ES256, TestContext.Current.CancellationToken));
        Assert.Equal(["ec-1", "other"], source.Waits);

        // A set given directly never waits.
        Assert.Same(System.Threading.Tasks.Task.CompletedTask, new JwtKeySet(s_es256.Value).WaitForKeyAsync("x", JwtAlgorithm.ES256, TestContext.Current.CancellationToken));
    }

    // ---- Building and writing ----

    [Fact]
    public void Built_set_refuses_keys_it_could_not_tell_apart()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256, "k"), TestKeys.For(JwtAlgorithm.HS256, "k")));
        Assert.Equal("keys", e.ParamName);
        Assert.Throws<ArgumentException>(() => new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256), TestKeys.OtherFor(JwtAlgorithm.HS256)));
        Assert.Equal(2, new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256, "k"), TestKeys.For(JwtAlgorithm.HS384, "k")).Keys.Count);
        Assert.Throws<ArgumentNullException>(() => new JwtKeySet((IEnumerable<JwtKey>)null!));
        Assert.Throws<ArgumentNullException>(() => new JwtKeySet(s_es256.Value, null!));
    }

    [Fact]
    public void Keys_list_cannot_be_changed_through_a_cast()
    {
        JwtKey[] keys = [s_es256.Value];
        var set = new JwtKeySet(keys);
        keys[0] = TestKeys.For(JwtAlgorithm.RS256);
        Assert.Same(s_es256.Value, set.Keys[0]);
        Assert.Throws<NotSupportedException>(() => ((IList<JwtKey>)set.Keys)[0] = keys[0]);
    }

    [Fact]
    public void Public_form_round_trips_and_holds_no_private_value()
    {
        JwtKey rs = TestKeys.For(JwtAlgorithm.PS256, "rs"), es = s_es256.Value;
        string json = new JwtKeySet(rs, es).ToJson();
        Assert.DoesNotContain("\"d\"", json, StringComparison.Ordinal);
        JwtKeySet back = JwtKeySet.Parse(json);
        Assert.Equal(2, back.Keys.Count);
        Assert.True(back.Keys[0].PublicKeyEquals(rs));
        Assert.True(back.Keys[1].PublicKeyEquals(es));
        Assert.All(back.Keys, k => Assert.False(k.CanSign));

        JwtKeySet full = JwtKeySet.Parse(new JwtKeySet(rs, es).ToJson(includePrivate: true));
        Assert.All(full.Keys, k => Assert.True(k.CanSign));
    }

    [Fact]
    public void Public_form_of_a_set_with_a_secret_is_refused()
    {
        var set = new JwtKeySet(TestKeys.For(JwtAlgorithm.HS256, "h"));
        Assert.Throws<InvalidOperationException>(() => set.ToJson());
        Assert.Single(JwtKeySet.Parse(set.ToJson(includePrivate: true)).Keys);
    }

    [Fact]
    public void IdentityModel_reads_the_public_set_MiniJwt_writes()
    {
        JwtKey rs = TestKeys.For(JwtAlgorithm.RS256, "rs"), es = s_es256.Value;
        var oracle = new JsonWebKeySet(new JwtKeySet(rs, es).ToJson());
        Assert.Equal(["rs", "ec-1"], oracle.Keys.Select(k => k.Kid));
        Assert.Equal(2, oracle.GetSigningKeys().Count);
    }

    [Fact]
    public void MiniJwt_reads_a_set_of_keys_IdentityModel_writes()
    {
        string json = Set(JwtAlgorithms.All.ToArray().Select(a => JwkWriterTests.Serialize(JwkWriterTests.IdentityModelJwk(a, "im-" + a).Jwk)).ToArray());

        // The secrets make it a mixed set; read, it keeps all twelve keys, and chooses none for verification.
        JwtKeySet set = JwtKeySet.Parse(json);
        Assert.Equal(12, set.Keys.Count);
        AssertNotFound(set, "im-ES256", JwtAlgorithm.ES256, JwtErrorCode.MixedKeySet);

        JwtKeySet publicOnly = JwtKeySet.Parse(Set(JwtAlgorithms.All.ToArray().Where(a => JwtAlgorithms.GetFamily(a) != JwtAlgorithmFamily.Hmac)
            .Select(a => JwkWriterTests.Serialize(JwkWriterTests.IdentityModelJwk(a, "im-" + a).Jwk)).ToArray()));
        Assert.Equal(9, publicOnly.Keys.Count);
        Assert.True(publicOnly.TryFindKey("im-ES384", JwtAlgorithm.ES384, out JwtKey? key, out _));
        Assert.Equal("im-ES384", key.KeyId);
    }

    private static void AssertNotFound(JwtKeySet set, string? kid, JwtAlgorithm algorithm, JwtErrorCode expected)
    {
        Assert.False(set.TryFindKey(kid, algorithm, out JwtKey? key, out JwtErrorCode code));
        Assert.Null(key);
        Assert.Equal(expected, code);
    }

    private sealed class Source : IJwtKeySetSource
    {
        public JwtKeySet? Current { get; set; }

        public List<string?> Misses { get; } = [];

        public List<string?> Waits { get; } = [];

        public System.Threading.Tasks.Task Wait { get; } = System.Threading.Tasks.Task.Delay(1);

        public void OnKeyNotFound(string? keyId, JwtAlgorithm algorithm) => Misses.Add(keyId);

        public System.Threading.Tasks.Task WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, System.Threading.CancellationToken cancellationToken)
        {
            Waits.Add(keyId);
            return Wait;
        }
    }
}
