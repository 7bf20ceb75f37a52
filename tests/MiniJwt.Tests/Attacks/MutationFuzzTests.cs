using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MiniJwt.Tests.Properties;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Property fuzzing with FsCheck. From a valid token of each of the 12 algorithms, sequences of random mutations
/// (bit flips, insertions, deletions, segment swaps and splices, truncation, duplication) are never accepted and
/// never make a Try form throw; random strings, random bytes, and real headers over random payloads and
/// signatures of the exact length, likewise. CI runs a modest number of cases; set MINIJWT_FUZZ_CASES (for
/// example to 1000000) for a long run.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int DefaultCases = 2000;

    private static readonly Lazy<Sample[]> s_samples = new(() => JwtAlgorithms.All.ToArray().Select(Sample.Create).ToArray());

    private static Sample[] Samples => s_samples.Value;

    internal static int Cases(int divisor = 1)
    {
        string? configured = Environment.GetEnvironmentVariable("MINIJWT_FUZZ_CASES");
        int cases = int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultCases;
        return Math.Max(100, cases / divisor);
    }

    [Fact]
    public void Control_EverySampleTokenIsValid()
    {
        foreach (Sample sample in Samples)
        {
            Assert.True(Jwt.TryDecode(sample.Token, sample.Key, sample.Options, out JwtToken jwt, out JwtError error), sample.Algorithm + ": " + error);
            Assert.Equal(sample.Algorithm, jwt.Header.Algorithm);
        }
    }

    [Fact]
    public void MutatedTokensOfEveryAlgorithm_AreNeverAccepted()
    {
        var codes = new Dictionary<JwtErrorCode, int>();
        Run(Cases(), Arb.From(MutationGenerator()), mutation =>
        {
            Sample sample = Samples[mutation.SampleIndex];
            string mutated = mutation.Apply(Samples);
            Assert.DoesNotContain(Samples, s => s.Token == mutated);
            JwtErrorCode code = AssertRefusedEverywhere(mutated, sample);
            codes[code] = codes.GetValueOrDefault(code) + 1;
        });
        Summarize("mutations", codes);
    }

    [Fact]
    public void RandomStrings_AreNeverAccepted()
    {
        Run(Cases(), ArbMap.Default.ArbFor<string>(), text => AssertRefusedEverywhere(text, Samples[0]));
    }

    [Fact]
    public void RandomBytes_AreNeverAccepted()
    {
        Run(Cases(), ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            foreach (Sample sample in Samples)
            {
                Assert.False(Jwt.TryDecode(bytes, sample.Key, sample.Options, out _, out JwtError error));
                Assert.NotEqual(JwtErrorCode.None, error.Code);
                Assert.False(Jws.TryVerify(bytes, sample.Key, sample.Options.Jws, out _, out error));
                Assert.NotEqual(JwtErrorCode.None, error.Code);
            }
        });
    }

    [Fact]
    public void RealHeadersOverRandomPayloadsAndSignaturesOfTheExactLength_AreNeverAccepted()
    {
        // Reaches the signature primitive with arbitrary bytes of the right size (r and s of any value for ES*).
        Gen<(int, byte[], byte[])> gen =
            from index in Gen.Choose(0, Samples.Length - 1)
            from payload in ArbMap.Default.GeneratorFor<byte[]>()
            from signature in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), Samples[index].Key.SignatureSize)
            select (index, payload, signature);
        Run(Cases(divisor: 10), Arb.From(gen), input =>
        {
            (int index, byte[] payload, byte[] signature) = input;
            Sample sample = Samples[index];
            string token = sample.Token[..sample.Token.IndexOf('.')] + "." + JwtBase64Url.EncodeToString(payload) + "." + JwtBase64Url.EncodeToString(signature);
            Assert.False(Jwt.TryDecode(token, sample.Key, sample.Options, out _, out JwtError error));
            Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
            Assert.False(Jws.TryVerify(token, sample.Key, sample.Options.Jws, out _, out error));
            Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
        });
    }

    /// <summary>Refused by every sample's key through every entry point, without an exception; returns the code <paramref name="own"/>'s key gives.</summary>
    private static JwtErrorCode AssertRefusedEverywhere(string? token, Sample own)
    {
        JwtErrorCode code = JwtErrorCode.None;
        byte[] utf8 = token is null ? [] : Encoding.UTF8.GetBytes(token);
        foreach (Sample sample in Samples)
        {
            Assert.False(Jwt.TryDecode(token, sample.Key, sample.Options, out _, out JwtError error), sample.Algorithm + " accepted " + PropertyTests.Show(token ?? "null"));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
            code = ReferenceEquals(sample, own) ? error.Code : code;
            Assert.False(Jwt.TryDecode(utf8, sample.Key, sample.Options, out _, out error));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
            Assert.False(Jws.TryVerify(token, sample.Key, sample.Options.Jws, out _, out error));
            Assert.NotEqual(JwtErrorCode.None, error.Code);
        }

        _ = Jwt.TryReadHeaderUnverified(token, out _, out _);
        return code;
    }

    private static void Run<T>(int cases, Arbitrary<T> arbitrary, Action<T> property)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), Prop.ForAll(arbitrary, property));
        TestContext.Current.TestOutputHelper?.WriteLine(cases.ToString(CultureInfo.InvariantCulture) + " cases passed");
    }

    private static void Summarize(string what, Dictionary<JwtErrorCode, int> codes) =>
        TestContext.Current.TestOutputHelper?.WriteLine(
            what + " refused with: " + string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => c.Key + " " + c.Value.ToString(CultureInfo.InvariantCulture))));

    private static Gen<Mutation> MutationGenerator()
    {
        Gen<char> character = Gen.Frequency(
            (20, Gen.Elements(PropertyTests.Alphabet.ToCharArray())),
            (3, Gen.Constant('.')),
            (3, Gen.Elements('=', '+', '/', ' ', '\t', '\r', '\n', '\0', '"', '{', '~', '\u007F', '\u0080', '\u00E9', '\u00FF', '\u0100', '\u2028', '\uD83D', '\uFEFF', '\uFF0E')));
        Gen<Step> step = Gen.OneOf(
            from position in Gen.Choose(0, int.MaxValue) from bit in Gen.Choose(0, 15) select (Step)new FlipBit(position, bit),
            from position in Gen.Choose(0, int.MaxValue) from bit in Gen.Choose(0, 5) select (Step)new FlipBit(position, bit),
            from position in Gen.Choose(0, int.MaxValue) from c in character select (Step)new Replace(position, c),
            from position in Gen.Choose(0, int.MaxValue) from text in Gen.NonEmptyListOf(character).Select(l => new string(l.Take(8).ToArray())) select (Step)new Insert(position, text),
            from position in Gen.Choose(0, int.MaxValue) from length in Gen.Choose(1, 16) select (Step)new Delete(position, length),
            from a in Gen.Choose(0, 2) from b in Gen.Choose(0, 2) select (Step)new SwapSegments(a, b),
            from position in Gen.Choose(0, int.MaxValue) select (Step)new Truncate(position),
            from start in Gen.Choose(0, int.MaxValue) from length in Gen.Choose(1, 64) from at in Gen.Choose(0, int.MaxValue) select (Step)new Duplicate(start, length, at),
            from segment in Gen.Choose(0, 2) from other in Gen.Choose(0, 11) select (Step)new Splice(segment, other));
        return
            from sample in Gen.Choose(0, 11)
            from count in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Choose(2, 3)), (1, Gen.Choose(4, 8)))
            from steps in Gen.ArrayOf(step, count)
            select new Mutation(sample, steps);
    }

    /// <summary>A key, options that allow all 12 algorithms, and a valid token, for one algorithm.</summary>
    public sealed record Sample(JwtAlgorithm Algorithm, JwtKey Key, JwtValidationOptions Options, string Token)
    {
        public static Sample Create(JwtAlgorithm algorithm)
        {
            JwtKey signer = AttackKit.SigningKey(algorithm);
            var options = new JwtValidationOptions(JwtAlgorithms.All.ToArray()) { TimeProvider = AttackKit.Clock, Audiences = [AttackKit.Audience] };
            string payload = "{\"sub\":\"fuzz-" + JwtAlgorithms.GetName(algorithm) + "\",\"aud\":\"api\",\"iat\":" + AttackKit.Now.ToString(CultureInfo.InvariantCulture)
                + ",\"exp\":" + AttackKit.InAnHour.ToString(CultureInfo.InvariantCulture) + "}";
            return new Sample(algorithm, signer.ToPublicKey(), options, Jwt.Encode(Encoding.UTF8.GetBytes(payload), signer));
        }

        public override string ToString() => JwtAlgorithms.GetName(Algorithm);
    }

    public abstract record Step
    {
        public abstract string Apply(string token, Sample[] samples);
    }

    public sealed record FlipBit(int Position, int Bit) : Step
    {
        public override string Apply(string token, Sample[] samples)
        {
            if (token.Length == 0)
            {
                return token;
            }

            int at = Position % token.Length;
            return string.Concat(token.AsSpan(0, at), ((char)(token[at] ^ (1 << Bit))).ToString(), token.AsSpan(at + 1));
        }
    }

    public sealed record Replace(int Position, char Character) : Step
    {
        public override string Apply(string token, Sample[] samples) =>
            token.Length == 0 ? Character.ToString() : string.Concat(token.AsSpan(0, Position % token.Length), Character.ToString(), token.AsSpan((Position % token.Length) + 1));
    }

    public sealed record Insert(int Position, string Text) : Step
    {
        public override string Apply(string token, Sample[] samples) => token.Insert(Position % (token.Length + 1), Text);
    }

    public sealed record Delete(int Position, int Length) : Step
    {
        public override string Apply(string token, Sample[] samples)
        {
            if (token.Length == 0)
            {
                return token;
            }

            int at = Position % token.Length;
            return token.Remove(at, Math.Min(Length, token.Length - at));
        }
    }

    public sealed record SwapSegments(int A, int B) : Step
    {
        public override string Apply(string token, Sample[] samples)
        {
            string[] parts = token.Split('.');
            if (A >= parts.Length || B >= parts.Length)
            {
                return token;
            }

            (parts[A], parts[B]) = (parts[B], parts[A]);
            return string.Join('.', parts);
        }
    }

    public sealed record Truncate(int Position) : Step
    {
        public override string Apply(string token, Sample[] samples) => token[..(Position % (token.Length + 1))];
    }

    public sealed record Duplicate(int Start, int Length, int At) : Step
    {
        public override string Apply(string token, Sample[] samples)
        {
            if (token.Length == 0)
            {
                return token;
            }

            int start = Start % token.Length;
            string copy = token.Substring(start, Math.Min(Length, token.Length - start));
            return token.Insert(At % (token.Length + 1), copy);
        }
    }

    /// <summary>Puts a segment of another algorithm's token in place of this one's.</summary>
    public sealed record Splice(int Segment, int Other) : Step
    {
        public override string Apply(string token, Sample[] samples)
        {
            string[] parts = token.Split('.');
            string[] donor = samples[Other].Token.Split('.');
            if (Segment >= parts.Length)
            {
                return token;
            }

            parts[Segment] = donor[Segment];
            return string.Join('.', parts);
        }
    }

    public sealed record Mutation(int SampleIndex, Step[] Steps)
    {
        public string Apply(Sample[] samples)
        {
            string original = samples[SampleIndex].Token;
            string token = original;
            foreach (Step step in Steps)
            {
                token = step.Apply(token, samples);
            }

            // Some sequences undo themselves (a swap of a segment with itself, a splice from the same token), and
            // splicing all three segments of another sample rebuilds that sample's valid token: then the last
            // character goes, which is a mutation too.
            return samples.Any(s => s.Token == token) ? token[..^1] : token;
        }

        public override string ToString() => JwtAlgorithms.GetName((JwtAlgorithm)(SampleIndex + 1)) + ": " + string.Join(" then ", Steps.Select(s => s.ToString()));
    }
}
