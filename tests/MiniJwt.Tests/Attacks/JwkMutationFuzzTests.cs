using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MiniJwt.Tests.Keys;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// A JWK or a JWK Set may come from a server, so its parsers get the token parsers' treatment: sequences of random
/// mutations of valid JWKs and sets (character flips, insertions of JSON-significant characters, deletions,
/// duplications, truncation, member names and values swapped for others) and random text. Every input is either a key
/// (a set) or the documented refusal — <see cref="ArgumentException"/> from the throwing forms, <see langword="false"/>
/// from the Try forms — never another exception, and never slow. MINIJWT_FUZZ_CASES sets the number of cases.
/// </summary>
public sealed class JwkMutationFuzzTests
{
    private static readonly string[] s_names = ["kty", "alg", "use", "key_ops", "kid", "crv", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k", "oth", "keys"];

    private static readonly string[] s_values =
    [
        "\"RSA\"", "\"EC\"", "\"oct\"", "\"OKP\"", "\"sig\"", "\"enc\"", "\"ES256\"", "\"HS256\"", "\"PS512\"", "\"P-256\"", "\"P-521\"",
        "\"AA\"", "\"\"", "\"AQAB\"", "\"AQ\"", "null", "1", "-0", "1e999", "[]", "{}", "[\"sign\"]", "[\"verify\",\"verify\"]", "\"\\uD800\"", "\"\\u0000\"",
    ];

    private static readonly string[] s_inserts = ["{", "}", "[", "]", "\"", ",", ":", "\\", "0", "A", "-", "_", "=", "+", "/", " ", "\u0000", "é", "\uD800", "😀", "\\u0041", "\"\"", "{}", "[1]"];

    private static readonly Lazy<string[]> s_jwks = new(() =>
    [
        RfcJwks.A1Rsa,
        RfcJwks.A2Rsa,
        JwkReaderTests.With(RfcJwks.A2Ec, "use", "sig"),
        RfcJwks.R3_2Ec,
        RfcJwks.R3_5Oct,
        RfcJwks.BRsa,
        JwkReaderTests.Without(RfcJwks.C1Rsa, "use"),
        TestKeys.For(JwtAlgorithm.ES384, "es384").ToJwk(includePrivate: true),
        TestKeys.For(JwtAlgorithm.HS512, "hs512").ToJwk(includePrivate: true),
    ]);

    private static readonly Lazy<string[]> s_sets = new(() =>
    [
        "{\"keys\":[" + RfcJwks.A1Rsa + "," + JwkReaderTests.With(RfcJwks.A1Ec, "use", "sig") + "]}",
        "{\"keys\":[" + RfcJwks.R3_5Oct + "," + RfcJwks.A3Hmac + "]}",
        new JwtKeySet(TestKeys.For(JwtAlgorithm.ES256, "a"), TestKeys.For(JwtAlgorithm.PS256, "b")).ToJson(),
    ]);

    private static readonly JwtAlgorithm?[] s_callerAlgorithms = [null, JwtAlgorithm.RS256, JwtAlgorithm.ES256, JwtAlgorithm.ES512, JwtAlgorithm.HS256];

    [Fact]
    public void Control_every_sample_is_read()
    {
        foreach (string jwk in s_jwks.Value)
        {
            Assert.True(TryAny(jwk), jwk);
        }

        foreach (string set in s_sets.Value)
        {
            Assert.NotEmpty(JwtKeySet.Parse(set, [JwtAlgorithm.HS256, JwtAlgorithm.ES256, JwtAlgorithm.RS256]).Keys);
        }
    }

    [Fact]
    public void Mutated_JWKs_are_keys_or_the_documented_refusal()
    {
        int keys = 0, refused = 0;
        Run(MutationGenerator(s_jwks.Value.Length), input =>
        {
            string json = input.Apply(s_jwks.Value[input.Sample]);
            if (AssertJwkContract(json))
            {
                keys++;
            }
            else
            {
                refused++;
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine(keys.ToString(CultureInfo.InvariantCulture) + " keys, " + refused.ToString(CultureInfo.InvariantCulture) + " refusals");
    }

    [Fact]
    public void Mutated_JWK_Sets_are_sets_or_the_documented_refusal()
    {
        int sets = 0, refused = 0;
        Run(MutationGenerator(s_sets.Value.Length), input =>
        {
            string json = input.Apply(s_sets.Value[input.Sample]);
            if (AssertSetContract(json))
            {
                sets++;
            }
            else
            {
                refused++;
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine(sets.ToString(CultureInfo.InvariantCulture) + " sets, " + refused.ToString(CultureInfo.InvariantCulture) + " refusals");
    }

    [Fact]
    public void Mutated_JWKs_inside_a_set_are_keys_skipped_or_the_documented_refusal()
    {
        Run(MutationGenerator(s_jwks.Value.Length), input =>
        {
            string member = input.Apply(s_jwks.Value[input.Sample]);
            AssertSetContract("{\"keys\":[" + member + "," + RfcJwks.A1Rsa + "]}");
        });
    }

    [Fact]
    public void Random_text_and_bytes_are_refused_without_exception()
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(MutationFuzzTests.Cases()).WithQuietOnSuccess(true),
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
            {
                AssertJwkContract(text ?? string.Empty);
                AssertSetContract(text ?? string.Empty);
            }));
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(MutationFuzzTests.Cases()).WithQuietOnSuccess(true),
            Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
            {
                bool ok = JwtKey.TryFromJwk(bytes, JwtAlgorithm.HS256, false, out _);
                try
                {
                    _ = JwtKey.FromJwk(bytes, JwtAlgorithm.HS256);
                    Assert.True(ok);
                }
                catch (ArgumentException e) when (e is not ArgumentNullException and not ArgumentOutOfRangeException)
                {
                    Assert.False(ok);
                    Assert.Equal("utf8Json", e.ParamName);
                }

                bool parsed = JwtKeySet.TryParse(bytes, default, false, out _);
                try
                {
                    _ = JwtKeySet.Parse(bytes);
                    Assert.True(parsed);
                }
                catch (ArgumentException e) when (e is not ArgumentNullException and not ArgumentOutOfRangeException)
                {
                    Assert.False(parsed);
                }
            }));
    }

    /// <summary>The JWK contract: Try forms never throw; the throwing forms throw only <see cref="ArgumentException"/>; both agree.</summary>
    private static bool AssertJwkContract(string json)
    {
        var watch = Stopwatch.StartNew();
        bool any = false;
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        foreach (JwtAlgorithm? algorithm in s_callerAlgorithms)
        {
            bool ok = JwtKey.TryFromJwk(json, algorithm, false, out JwtKey? key);
            Assert.Equal(ok, key is not null);
            if (IsValidUtf16(json))
            {
                Assert.Equal(ok, JwtKey.TryFromJwk(utf8, algorithm, false, out _));
            }

            try
            {
                JwtKey thrown = JwtKey.FromJwk(json, algorithm);
                Assert.True(ok);
                Assert.True(thrown.PublicKeyEquals(key));

                // A key read is a whole key: it writes and reads back.
                Assert.True(JwtKey.FromJwk(thrown.ToJwk(includePrivate: true)).PublicKeyEquals(thrown));
                _ = thrown.ComputeJwkThumbprint();
            }
            catch (ArgumentException e) when (e is not ArgumentNullException and not ArgumentOutOfRangeException)
            {
                Assert.False(ok);
                Assert.Equal("json", e.ParamName);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }

            any |= ok;
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "slow input: " + watch.Elapsed);
        return any;
    }

    private static bool AssertSetContract(string json)
    {
        var watch = Stopwatch.StartNew();
        JwtAlgorithm[] algorithms = [JwtAlgorithm.HS256, JwtAlgorithm.RS256, JwtAlgorithm.ES256];
        bool ok = JwtKeySet.TryParse(json, algorithms, false, out JwtKeySet? set);
        Assert.Equal(ok, set is not null);
        try
        {
            JwtKeySet thrown = JwtKeySet.Parse(json, algorithms);
            Assert.True(ok);
            Assert.Equal(set!.Keys.Count, thrown.Keys.Count);
            Assert.Equal(set.SkippedKeys, thrown.SkippedKeys);
            foreach (JwtKey key in thrown.Keys)
            {
                bool found = thrown.TryFindKey(key.KeyId, key.Algorithm, out JwtKey? chosen, out JwtErrorCode code);
                Assert.Equal(found, code == JwtErrorCode.None);
                Assert.Equal(found, chosen is not null);
            }

            _ = thrown.ToJson(includePrivate: true);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException and not ArgumentOutOfRangeException)
        {
            Assert.False(ok);
            Assert.Equal("json", e.ParamName);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "slow input: " + watch.Elapsed);
        return ok;
    }

    private static bool TryAny(string json) => s_callerAlgorithms.Any(a => JwtKey.TryFromJwk(json, a, false, out _));

    private static bool IsValidUtf16(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static void Run(Gen<Mutation> generator, Action<Mutation> property) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(MutationFuzzTests.Cases()).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(generator), property));

    private static Gen<Mutation> MutationGenerator(int samples) =>
        from sample in Gen.Choose(0, samples - 1)
        from count in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Choose(2, 3)), (1, Gen.Choose(4, 6)))
        from steps in Gen.ArrayOf(
            from kind in Gen.Choose(0, 6)
            from position in Gen.Choose(0, int.MaxValue)
            from choice in Gen.Choose(0, int.MaxValue)
            select new Step(kind, position, choice),
            count)
        select new Mutation(sample, steps);

    public sealed record Step(int Kind, int Position, int Choice);

    public sealed record Mutation(int Sample, Step[] Steps)
    {
        public string Apply(string json)
        {
            foreach (Step step in Steps)
            {
                json = Apply(json, step);
            }

            return json;
        }

        public override string ToString() => "sample " + Sample.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(", ", Steps.Select(s => s.ToString()));

        private static string Apply(string json, Step step)
        {
            int at = json.Length == 0 ? 0 : step.Position % json.Length;
            switch (step.Kind)
            {
                case 0 when json.Length > 0:
                    // Flip one low bit of a character (A↔@, "↔#, 0↔1, ...).
                    return json[..at] + (char)(json[at] ^ (1 << (step.Choice % 7))) + json[(at + 1)..];
                case 1 when json.Length > 0:
                    return json.Remove(at, 1 + (step.Choice % Math.Min(8, json.Length - at)));
                case 2:
                    return json.Insert(json.Length == 0 ? 0 : step.Position % (json.Length + 1), s_inserts[step.Choice % s_inserts.Length]);
                case 3 when json.Length > 0:
                    int length = 1 + (step.Choice % Math.Min(64, json.Length - at));
                    return json.Insert(at, json.Substring(at, length));
                case 4:
                    return json[..(json.Length == 0 ? 0 : step.Position % (json.Length + 1))];
                case 5:
                    return ReplaceNth(json, "\"" + s_names[step.Position % s_names.Length] + "\"", "\"" + s_names[step.Choice % s_names.Length] + "\"", step.Choice);
                default:
                    return ReplaceValue(json, step);
            }
        }

        private static string ReplaceNth(string json, string find, string replacement, int choice)
        {
            var hits = new List<int>();
            for (int i = json.IndexOf(find, StringComparison.Ordinal); i >= 0; i = json.IndexOf(find, i + 1, StringComparison.Ordinal))
            {
                hits.Add(i);
            }

            if (hits.Count == 0)
            {
                return json;
            }

            int at = hits[choice % hits.Count];
            return json[..at] + replacement + json[(at + find.Length)..];
        }

        // Replaces the string value after the n-th ':' with a value from the pool.
        private static string ReplaceValue(string json, Step step)
        {
            int colons = json.Count(c => c == ':');
            if (colons == 0)
            {
                return json;
            }

            int target = step.Position % colons, seen = -1, at = -1;
            for (int i = 0; i < json.Length; i++)
            {
                if (json[i] == ':' && ++seen == target)
                {
                    at = i + 1;
                    break;
                }
            }

            if (at >= json.Length || json[at] != '"')
            {
                return json;
            }

            int end = json.IndexOf('"', at + 1);
            return end < 0 ? json : json[..at] + s_values[step.Choice % s_values.Length] + json[(end + 1)..];
        }
    }
}
