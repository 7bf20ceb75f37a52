using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Strategy;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// One key, one options object and one strategy shared by many threads, which decode a mix of valid and invalid
/// tokens and encode new ones all at once. Every verdict is compared with the one given single-threaded before
/// (code, claim and subject): zero wrong verdicts, no exception. CI runs a bounded count; MINIJWT_CONCURRENCY_OPS
/// sets the number of HS256 operations for a long run (ES256 and RS256 run a tenth of it).
/// </summary>
public sealed class ConcurrencyTests
{
    private const int DefaultOperations = 20_000;

    internal static int Operations(int divisor)
    {
        string? configured = Environment.GetEnvironmentVariable("MINIJWT_CONCURRENCY_OPS");
        int operations = int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultOperations;
        return Math.Max(100, operations / divisor);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 1)]
    [InlineData(JwtAlgorithm.HS512, 2)]
    [InlineData(JwtAlgorithm.ES256, 10)]
    [InlineData(JwtAlgorithm.RS256, 10)]
    public void SharedKeyAndOptions_ManyThreadsMixingValidAndInvalidTokens_GiveEveryVerdictRight(JwtAlgorithm algorithm, int divisor)
    {
        JwtKey signer = AttackKit.SigningKey(algorithm);
        JwtKey verifier = signer.ToPublicKey();
        JwtKey foreign = algorithm == JwtAlgorithm.HS256 ? JwtKey.FromSecret(JwtAlgorithm.HS256, "another secret, 32 bytes or longer!!") : AttackKit.SigningKey(JwtAlgorithm.HS256);
        var options = new JwtValidationOptions(JwtAlgorithms.All.ToArray()) { TimeProvider = AttackKit.Clock, Audiences = [AttackKit.Audience] };

        Case[] cases = BuildCases(signer, foreign).ToArray();

        // The verdicts given on one thread are the reference.
        foreach (Case c in cases)
        {
            c.Expected = Verdict.Of(c.Token, verifier, options);
        }

        Assert.Contains(cases, c => c.Expected.Code == JwtErrorCode.None);
        Assert.True(cases.Select(c => c.Expected.Code).Distinct().Count() >= 8, "too few kinds of refusal");

        int operations = Operations(divisor);
        int wrong = 0, exceptions = 0, encoded = 0;
        string? firstProblem = null;
        Parallel.For(0, operations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                if (i % 5 == 4)
                {
                    // Encode with the shared signing key while others verify, then read it back.
                    string subject = "new-" + i.ToString(CultureInfo.InvariantCulture);
                    string token = Jwt.Encode(Encoding.UTF8.GetBytes(Payload(subject, AttackKit.InAnHour)), signer);
                    Interlocked.Increment(ref encoded);
                    if (Verdict.Of(token, verifier, options) != new Verdict(JwtErrorCode.None, null, subject))
                    {
                        Interlocked.Increment(ref wrong);
                        Interlocked.CompareExchange(ref firstProblem, "round trip of " + subject, null);
                    }

                    return;
                }

                Case c = cases[i % cases.Length];
                Verdict actual = Verdict.Of(c.Token, verifier, options);
                if (actual != c.Expected)
                {
                    Interlocked.Increment(ref wrong);
                    Interlocked.CompareExchange(ref firstProblem, c.Name + ": expected " + c.Expected + ", got " + actual, null);
                }
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref exceptions);
                Interlocked.CompareExchange(ref firstProblem, e.ToString(), null);
            }
        });

        TestContext.Current.TestOutputHelper?.WriteLine(
            JwtAlgorithms.GetName(algorithm) + ": " + operations + " operations (" + encoded + " encodes) over " + cases.Length + " cases, " + wrong + " wrong, " + exceptions + " exceptions");
        Assert.True(wrong == 0 && exceptions == 0, firstProblem);
    }

    [Theory]
    [InlineData("HS256", 1)]
    [InlineData("ES256", 10)]
    public async Task SharedStrategy_ManyThreadsMixingValidAndForgedTokens_ReadEveryUserRight(string algorithm, int divisor)
    {
        JwtStrategy<TestUser, Guid> strategy = Strategies.Create(algorithm, wrapSecret: true, clock: new TestClock(Strategies.Now));
        var manager = new TestUserManager();
        TestUser[] users = Enumerable.Range(0, 32).Select(i => manager.Add("user" + i + "@example.com")).ToArray();
        string[] valid = await Task.WhenAll(users.Select(strategy.WriteTokenAsync));
        string audience = "\"aud\":[\"" + Strategies.Audience + "\"]";
        string exp = "\"exp\":" + (Strategies.Now + 3600).ToString(CultureInfo.InvariantCulture);
        string[] forged = users.SelectMany(u => new[]
        {
            AttackKit.B64("{\"alg\":\"none\"}") + "." + AttackKit.B64("{\"sub\":\"" + u.Id + "\"," + audience + "," + exp + "}") + ".",
            Strategies.Sign(strategy, "{\"sub\":\"" + u.Id + "\",\"aud\":[\"other\"]," + exp + "}"),
            Strategies.Sign(strategy, "{\"sub\":\"" + u.Id + "\"," + audience + ",\"exp\":" + Strategies.Now.ToString(CultureInfo.InvariantCulture) + "}"),
            Strategies.Sign(strategy, "{\"sub\":\"" + u.Id + "\",\"\\u0073ub\":\"" + u.Id + "\"," + audience + "," + exp + "}"),
            valid[0][..valid[0].LastIndexOf('.')] + valid[1][valid[1].LastIndexOf('.')..],
        }).ToArray();

        int operations = Operations(divisor);
        int wrong = 0, exceptions = 0;
        await Parallel.ForAsync(0, operations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            try
            {
                if (i % 2 == 0)
                {
                    TestUser user = users[i / 2 % users.Length];
                    string token = i % 6 == 0 ? await strategy.WriteTokenAsync(user) : valid[i / 2 % users.Length];
                    if (!ReferenceEquals(user, await strategy.ReadTokenAsync(token, manager, cancellationToken)))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                else if (await strategy.ReadTokenAsync(forged[i / 2 % forged.Length], manager, cancellationToken) is not null)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref exceptions);
            }
        });

        TestContext.Current.TestOutputHelper?.WriteLine(algorithm + " strategy: " + operations + " reads, " + wrong + " wrong, " + exceptions + " exceptions");
        Assert.Equal(0, wrong);
        Assert.Equal(0, exceptions);
    }

    private static string Payload(string subject, long exp) =>
        "{\"sub\":\"" + subject + "\",\"aud\":\"" + AttackKit.Audience + "\",\"exp\":" + exp.ToString(CultureInfo.InvariantCulture) + "}";

    private static IEnumerable<Case> BuildCases(JwtKey signer, JwtKey foreign)
    {
        string alg = JwtAlgorithms.GetName(signer.Algorithm);
        for (int i = 0; i < 16; i++)
        {
            string subject = "user-" + i.ToString(CultureInfo.InvariantCulture);
            string token = Jwt.Encode(Encoding.UTF8.GetBytes(Payload(subject, AttackKit.InAnHour)), signer);
            string other = Jwt.Encode(Encoding.UTF8.GetBytes(Payload("admin", AttackKit.InAnHour)), signer);
            int dot = token.LastIndexOf('.');
            yield return new Case("valid " + subject, token);
            yield return new Case("payload swapped", token[..token.IndexOf('.')] + other[other.IndexOf('.')..other.LastIndexOf('.')] + token[dot..]);
            yield return new Case("signature changed", token[..(dot + 1)] + (token[dot + 1] == 'A' ? 'B' : 'A') + token[(dot + 2)..]);
            yield return new Case("signature truncated", token[..^2]);
            yield return new Case("expired", Jwt.Encode(Encoding.UTF8.GetBytes(Payload(subject, AttackKit.Now)), signer));
            yield return new Case("other audience", Jwt.Encode(Encoding.UTF8.GetBytes("{\"sub\":\"" + subject + "\",\"aud\":\"other\",\"exp\":" + AttackKit.InAnHour.ToString(CultureInfo.InvariantCulture) + "}"), signer));
            yield return new Case("alg none", AttackKit.B64("{\"alg\":\"none\"}") + token[token.IndexOf('.')..(dot + 1)]);
            yield return new Case("duplicate sub", AttackKit.Forge("{\"alg\":\"" + alg + "\"}", "{\"sub\":\"" + subject + "\",\"sub\":\"admin\",\"aud\":\"api\",\"exp\":" + AttackKit.InAnHour.ToString(CultureInfo.InvariantCulture) + "}", signer));
            yield return new Case("foreign key", Jwt.Encode(Encoding.UTF8.GetBytes(Payload(subject, AttackKit.InAnHour)), foreign));
            yield return new Case("crit", AttackKit.Forge("{\"alg\":\"" + alg + "\",\"crit\":[\"x\"]}", Payload(subject, AttackKit.InAnHour), signer));
            yield return new Case("not JSON", AttackKit.Forge("{\"alg\":\"" + alg + "\"}", "[" + subject + "]", signer));
            yield return new Case("malformed", token.Replace('.', '~'));
        }
    }

    private sealed class Case(string name, string token)
    {
        public string Name { get; } = name;

        public string Token { get; } = token;

        public Verdict Expected { get; set; }
    }

    private readonly record struct Verdict(JwtErrorCode Code, string? Claim, string? Subject)
    {
        public static Verdict Of(string token, JwtKey key, JwtValidationOptions options) =>
            Jwt.TryDecode(token, key, options, out JwtToken jwt, out JwtError error)
                ? new Verdict(JwtErrorCode.None, null, jwt.Subject)
                : new Verdict(error.Code, error.Part + ":" + error.Name, null);
    }
}
