using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace MiniJwt.Bench;

/// <summary>
/// A check beside BenchmarkDotNet for a shared, noisy machine: the HS256 verify and encode benchmarks of one parameter
/// set run in turn, round after round, in one process, so that a change in the machine's load touches all of them alike.
/// BenchmarkDotNet measures one benchmark after the other, minutes apart, and on such a machine its ratios drift with
/// the load. Prints, per benchmark, the median and the minimum time per call over the rounds and their ratios to the
/// raw primitive's, as a Markdown table.
/// </summary>
internal static class InterleavedRun
{
    private const int Rounds = 31;
    private const int CallsPerRound = 20_000;

    /// <summary>Runs the comparison for both payloads and writes the tables to the console.</summary>
    /// <returns>The exit code (0).</returns>
    public static int Run()
    {
        Console.WriteLine("Interleaved rounds (" + Rounds + " rounds of " + CallsPerRound.ToString("N0", CultureInfo.InvariantCulture)
            + " calls each, every benchmark once a round), HS256, " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC, "
            + Environment.ProcessorCount + " cores.");
        foreach (PayloadKind payload in Enum.GetValues<PayloadKind>())
        {
            var verify = new VerifyBenchmarks { Algorithm = JwtAlgorithm.HS256, Payload = payload };
            verify.Setup();
            Report("Verify, " + payload,
            [
                ("Raw", () => verify.Raw()),
                ("RawMacOnly", () => verify.RawMacOnly()),
                ("MiniJwtValidateUtf8", () => verify.MiniJwtValidateUtf8()),
                ("MiniJwtString", () => verify.MiniJwtString()),
                ("MiniJwtUtf8", () => verify.MiniJwtUtf8()),
                ("IdentityModelJsonWebToken", () => verify.IdentityModelJsonWebToken()),
            ]);
            verify.Cleanup();

            var encode = new EncodeBenchmarks { Algorithm = JwtAlgorithm.HS256, Payload = payload };
            encode.Setup();
            Report("Encode, " + payload,
            [
                ("Raw", () => encode.Raw()),
                ("MiniJwtSpan", () => encode.MiniJwtSpan()),
                ("MiniJwtString", () => encode.MiniJwtString()),
                ("MiniJwtClaims", () => encode.MiniJwtClaims()),
                ("IdentityModelJsonWebToken", () => encode.IdentityModelJsonWebToken()),
            ]);
            encode.Cleanup();
        }

        return 0;
    }

    private static void Report(string title, (string Name, Action Call)[] benchmarks)
    {
        // Warm-up: every benchmark reaches its optimized code before the first measured round.
        foreach ((string _, Action call) in benchmarks)
        {
            for (int i = 0; i < CallsPerRound * 5; i++)
            {
                call();
            }
        }

        Thread.Sleep(200);
        var times = benchmarks.Select(_ => new List<double>(Rounds)).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int b = 0; b < benchmarks.Length; b++)
            {
                Action call = benchmarks[b].Call;
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < CallsPerRound; i++)
                {
                    call();
                }

                times[b].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerRound);
            }
        }

        double rawMedian = Median(times[0]);
        double rawMin = times[0].Min();

        // A verify table has a second floor, the HMAC without the compare: its ratio gets a column of its own.
        int macOnly = Array.FindIndex(benchmarks, b => b.Name == "RawMacOnly");
        double macMedian = macOnly < 0 ? double.NaN : Median(times[macOnly]);
        Console.WriteLine();
        Console.WriteLine("**" + title + "**");
        Console.WriteLine();
        Console.WriteLine("| benchmark | median | ratio of medians | minimum | ratio of minima |" + (macOnly < 0 ? "" : " ratio of medians to RawMacOnly |"));
        Console.WriteLine("|---|---:|---:|---:|---:|" + (macOnly < 0 ? "" : "---:|"));
        for (int b = 0; b < benchmarks.Length; b++)
        {
            double median = Median(times[b]);
            double min = times[b].Min();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {benchmarks[b].Name} | {median:N0} ns | {median / rawMedian:F2}× | {min:N0} ns | {min / rawMin:F2}× |")
                + (macOnly < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {median / macMedian:F2}× |")));
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.OrderBy(v => v)];
        return sorted[sorted.Length / 2];
    }
}
