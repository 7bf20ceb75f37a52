using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Strategy;
using MiniJwt.Tests.Properties;
using MiniJwt.Tests.Support;
using Xunit;
using TestKeys = MiniJwt.Tests.Strategy.StrategyTestKeys;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// The attack catalogue against the fastapi-users strategy: every forged token is signed with the strategy's own
/// key and names a real user, so only the attack can make it fail. <see cref="JwtStrategy{TUser, TId}.ReadTokenAsync"/>
/// must return null without throwing and without asking the user manager for anyone.
/// </summary>
public sealed class StrategyAttackTests
{
    private static readonly Lazy<RSA> s_attackerRsa = new(() => RSA.Create(2048));

    private static readonly Dictionary<string, Func<Target, string>> s_attacks = new()
    {
        ["alg none, empty signature"] = t => B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + B64(t.Payload()) + ".",
        ["alg NONE, with the key's signature"] = t => t.Forge("{\"alg\":\"NONE\",\"typ\":\"JWT\"}", t.Payload()),
        ["alg missing"] = t => t.Forge("{\"typ\":\"JWT\"}", t.Payload()),
        ["alg null"] = t => t.Forge("{\"alg\":null,\"typ\":\"JWT\"}", t.Payload()),
        ["alg not a string"] = t => t.Forge("{\"alg\":[\"" + t.Alg + "\"],\"typ\":\"JWT\"}", t.Payload()),
        ["alg near miss, lower case"] = t => t.Forge("{\"alg\":\"" + t.Alg.ToLowerInvariant() + "\",\"typ\":\"JWT\"}", t.Payload()),
        ["alg near miss, trailing space"] = t => t.Forge("{\"alg\":\"" + t.Alg + " \",\"typ\":\"JWT\"}", t.Payload()),
        ["alg near miss, NUL"] = t => t.Forge("{\"alg\":\"" + t.Alg + "\\u0000\",\"typ\":\"JWT\"}", t.Payload()),
        ["algorithm outside the allow-list"] = t => Jwt.Encode(Encoding.UTF8.GetBytes(t.Payload()), t.OtherAlgorithmKey()),
        ["HMAC key confusion, public key PEM as secret"] = t => t.ForgeWithPublicKeyAsHmacSecret(),
        ["kid path traversal, attacker's key"] = t => t.ForgeByAttacker("{\"alg\":\"" + t.Alg + "\",\"kid\":\"../../../../dev/null\"}", t.Payload()),
        ["kid SQL injection, attacker's key"] = t => t.ForgeByAttacker("{\"alg\":\"" + t.Alg + "\",\"kid\":\"' UNION SELECT 'k' --\"}", t.Payload()),
        ["embedded jwk, attacker's key"] = t => t.ForgeByAttacker("{\"alg\":\"" + t.Alg + "\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}", t.Payload()),
        ["jku, attacker's key"] = t => t.ForgeByAttacker("{\"alg\":\"" + t.Alg + "\",\"jku\":\"http://127.0.0.1:1/jwks\"}", t.Payload()),
        ["crit unknown"] = t => t.Forge("{\"alg\":\"" + t.Alg + "\",\"crit\":[\"x\"],\"x\":1}", t.Payload()),
        ["crit empty"] = t => t.Forge("{\"alg\":\"" + t.Alg + "\",\"crit\":[]}", t.Payload()),
        ["b64 false"] = t => t.Forge("{\"alg\":\"" + t.Alg + "\",\"b64\":false,\"crit\":[\"b64\"]}", t.Payload()),
        ["duplicate alg in the header"] = t => t.Forge("{\"alg\":\"" + t.Alg + "\",\"\\u0061lg\":\"none\"}", t.Payload()),
        ["duplicate sub, escaped"] = t => t.Forge(t.Header, "{\"sub\":\"" + t.UserId + "\",\"\\u0073ub\":\"" + t.UserId + "\",\"aud\":[\"" + Strategies.Audience + "\"],\"exp\":" + t.Exp + "}"),
        ["duplicate sub behind a hash collision"] = t => t.Forge(t.Header, t.PayloadWithHiddenDuplicate()),
        ["Bearer prefix"] = t => "Bearer " + t.Forge(t.Header, t.Payload()),
        ["trailing newline"] = t => t.Forge(t.Header, t.Payload()) + "\n",
        ["padding"] = t => t.Forge(t.Header, t.Payload()) + "=",
        // One forged token (ES* signatures differ on every call): spelled with '+' and '/', or given a '+' when it has no '-' or '_'.
        ["plain Base64 alphabet"] = t => { string s = t.Forge(t.Header, t.Payload()); string plain = s.Replace('_', '/').Replace('-', '+'); return plain == s ? s + "+" : plain; },
        ["signature with spare bits set"] = t => t.WithSpareSignatureBitSet(),
        ["stripped signature"] = t => { string s = t.Forge(t.Header, t.Payload()); return s[..(s.LastIndexOf('.') + 1)]; },
        ["truncated signature"] = t => t.Forge(t.Header, t.Payload())[..^3],
        ["all-zero signature (psychic for ES*)"] = t => { string s = t.Forge(t.Header, t.Payload()); return s[..(s.LastIndexOf('.') + 1)] + B64(new byte[t.Strategy.DecodeKey.SignatureSize]); },
        ["four parts"] = t => t.Forge(t.Header, t.Payload()) + ".e30",
        ["five parts, JWE-shaped"] = t => B64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + "..AAAA." + B64(t.Payload()) + ".AAAA",
        ["JSON serialization"] = t => { string[] p = t.Forge(t.Header, t.Payload()).Split('.'); return "{\"protected\":\"" + p[0] + "\",\"payload\":\"" + p[1] + "\",\"signature\":\"" + p[2] + "\"}"; },
        ["exp as a string"] = t => t.Forge(t.Header, t.Payload(exp: "\"" + t.Exp + "\"")),
        ["exp true"] = t => t.Forge(t.Header, t.Payload(exp: "true")),
        ["exp null"] = t => t.Forge(t.Header, t.Payload(exp: "null")),
        ["exp 1e400"] = t => t.Forge(t.Header, t.Payload(exp: "1e400")),
        ["exp missing while a lifetime is set"] = t => t.Forge(t.Header, "{\"sub\":\"" + t.UserId + "\",\"aud\":[\"" + Strategies.Audience + "\"]}"),
        ["exp exactly now"] = t => t.Forge(t.Header, t.Payload(exp: Strategies.Now.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ["aud of another service"] = t => t.Forge(t.Header, t.Payload(aud: "\"other\"")),
        ["aud in the wrong case"] = t => t.Forge(t.Header, t.Payload(aud: "[\"FASTAPI-USERS:AUTH\"]")),
        ["aud nested"] = t => t.Forge(t.Header, t.Payload(aud: "[[\"" + Strategies.Audience + "\"]]")),
        ["aud mixed types"] = t => t.Forge(t.Header, t.Payload(aud: "[\"" + Strategies.Audience + "\",1]")),
        ["aud empty"] = t => t.Forge(t.Header, t.Payload(aud: "[]")),
        ["aud missing"] = t => t.Forge(t.Header, "{\"sub\":\"" + t.UserId + "\",\"exp\":" + t.Exp + "}"),
        ["sub as an array"] = t => t.Forge(t.Header, t.Payload(sub: "[\"" + t.UserId + "\"]")),
        ["sub as an object"] = t => t.Forge(t.Header, t.Payload(sub: "{\"id\":\"" + t.UserId + "\"}")),
        ["payload an array"] = t => t.Forge(t.Header, "[" + t.Payload() + "]"),
        ["payload with a BOM"] = t => Forge(Encoding.UTF8.GetBytes(t.Header), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(t.Payload())], t.Strategy.EncodeKey),
        ["payload in UTF-16"] = t => Forge(Encoding.UTF8.GetBytes(t.Header), Encoding.Unicode.GetBytes(t.Payload()), t.Strategy.EncodeKey),
        ["header with a BOM"] = t => Forge([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(t.Header)], Encoding.UTF8.GetBytes(t.Payload()), t.Strategy.EncodeKey),
        ["payload with invalid UTF-8"] = t => Forge(Encoding.UTF8.GetBytes(t.Header), [.. Encoding.UTF8.GetBytes(t.Payload()[..^1]), .. ",\"x\":\""u8, 0xC0, 0xAF, .. "\"}"u8], t.Strategy.EncodeKey),
        ["1 MB token"] = t => t.Forge(t.Header, t.Payload()[..^1] + ",\"x\":\"" + new string('x', 1 << 20) + "\"}"),
        ["payload nested 10,000 deep"] = t => t.Forge(t.Header, t.Payload()[..^1] + ",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"),
        ["payload nested 20 deep"] = t => t.Forge(t.Header, t.Payload()[..^1] + ",\"x\":" + new string('[', 20) + new string(']', 20) + "}"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string algorithm in new[] { "HS256", "RS256", "ES256" })
        {
            foreach (string attack in s_attacks.Keys)
            {
                data.Add(algorithm, attack);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task Control_AHonestTokenForgedTheSameWay_ReadsTheUser(string algorithm)
    {
        var target = new Target(algorithm);
        TestUser? user = await target.Strategy.ReadTokenAsync(target.Forge(target.Header, target.Payload()), target.Manager, TestContext.Current.CancellationToken);
        Assert.Same(target.User, user);
        Assert.Same(target.User, await target.Strategy.ReadTokenAsync(await target.Strategy.WriteTokenAsync(target.User), target.Manager, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Attack_ReadsAsNoUser(string algorithm, string attack)
    {
        var target = new Target(algorithm);
        string token = s_attacks[attack](target);

        TestUser? user = await target.Strategy.ReadTokenAsync(token, target.Manager, TestContext.Current.CancellationToken);

        Assert.Null(user);
        Assert.Equal(0, target.Manager.Lookups);
    }

    /// <summary>A strategy at a fixed clock, one user, and ways to forge tokens for that user with the strategy's key.</summary>
    public sealed class Target
    {
        public Target(string algorithm)
        {
            Alg = algorithm;
            Strategy = Strategies.Create(algorithm, wrapSecret: false, clock: new TestClock(Strategies.Now));
            User = Manager.Add("alice@example.com");
        }

        public string Alg { get; }

        public JwtStrategy<TestUser, Guid> Strategy { get; }

        public TestUserManager Manager { get; } = new();

        public TestUser User { get; }

        public string UserId => User.Id.ToString();

        public string Exp => (Strategies.Now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public string Header => "{\"alg\":\"" + Alg + "\",\"typ\":\"JWT\"}";

        public string Payload(string? sub = null, string? aud = null, string? exp = null) =>
            "{\"sub\":" + (sub ?? "\"" + UserId + "\"") + ",\"aud\":" + (aud ?? "[\"" + Strategies.Audience + "\"]") + ",\"exp\":" + (exp ?? Exp) + "}";

        public string Forge(string header, string payload) => AttackKit.Forge(header, payload, Strategy.EncodeKey);

        public string ForgeByAttacker(string header, string payload) => AttackKit.Forge(header, payload, AttackerKey());

        public JwtKey AttackerKey() => Strategy.Algorithm switch
        {
            JwtAlgorithm.HS256 => JwtKey.FromSecret(JwtAlgorithm.HS256, RandomNumberGenerator.GetBytes(32)),
            JwtAlgorithm.RS256 => JwtKey.FromRsa(JwtAlgorithm.RS256, s_attackerRsa.Value),
            _ => JwtKey.FromECDsa(JwtAlgorithm.ES256, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        };

        /// <summary>A key the strategy does not allow, signing with the strategy's own material where that is possible.</summary>
        public JwtKey OtherAlgorithmKey() => Strategy.Algorithm switch
        {
            JwtAlgorithm.HS256 => JwtKey.FromSecret(JwtAlgorithm.HS512, TestKeys.HmacSecret + TestKeys.HmacSecret),
            JwtAlgorithm.RS256 => JwtKey.FromPem(JwtAlgorithm.PS256, TestKeys.Rsa.Private),
            _ => JwtKey.FromPem(JwtAlgorithm.ES384, ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportPkcs8PrivateKeyPem()),
        };

        /// <summary>
        /// HS256 with the strategy's public key PEM as the MAC secret. An HMAC strategy has no public key: there the
        /// confusion runs the other way, an RS256 header over a MAC of the strategy's own secret.
        /// </summary>
        public string ForgeWithPublicKeyAsHmacSecret()
        {
            string? publicKey = TestKeys.For(Alg).PublicKey;
            string signingInput = B64("{\"alg\":\"" + (publicKey is null ? "RS256" : "HS256") + "\",\"typ\":\"JWT\"}") + "." + B64(Payload());
            byte[] secret = Encoding.UTF8.GetBytes(publicKey ?? TestKeys.HmacSecret);
            return signingInput + "." + B64(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
        }

        public string PayloadWithHiddenDuplicate()
        {
            string[] colliders = NameHashCollisions.For("sub", 2);
            string filler = string.Concat(Enumerable.Range(0, 20).Select(i => ",\"f" + i + "\":0"));
            return "{\"sub\":\"" + Guid.NewGuid() + "\",\"" + colliders[0] + "\":0,\"" + colliders[1] + "\":0,\"sub\":\"" + UserId
                + "\",\"aud\":[\"" + Strategies.Audience + "\"],\"exp\":" + Exp + filler + "}";
        }

        public string WithSpareSignatureBitSet()
        {
            // RS256 and ES256 signatures (256 and 64 bytes) and HS256 MACs (32 bytes) all end on a partial group.
            string token = Forge(Header, Payload());
            int last = PropertyTests.Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
            Assert.Equal(0, last & 1);
            return token[..^1] + PropertyTests.Alphabet[last | 1];
        }
    }
}
