using BenchmarkDotNet.Running;

namespace MiniJwt.Bench;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/MiniJwt.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point; arguments go to BenchmarkDotNet's switcher.</summary>
    /// <param name="args">BenchmarkDotNet arguments, such as <c>--filter</c> and <c>--job short</c>.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
