namespace MiniJwt.Cli.Tests;

/// <summary>What one run of the tool gave.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => "exit " + ExitCode + "\nstdout: " + Stdout + "\nstderr: " + Stderr;
}
