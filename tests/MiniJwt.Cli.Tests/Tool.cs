using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace MiniJwt.Cli.Tests;

/// <summary>Runs the built minijwt tool as a process, as a user would.</summary>
internal static class Tool
{
    private static readonly string DllPath = typeof(Tool).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "MiniJwtCliPath").Value!;

    public static ToolResult Run(string workingDirectory, string? stdin, params string[] args) =>
        Run(workingDirectory, stdin, null, args);

    public static ToolResult Run(string workingDirectory, string? stdin, IDictionary<string, string>? environment, params string[] args)
    {
        Assert.True(File.Exists(DllPath), "the tool is not built at " + DllPath);
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment.Remove("NO_COLOR");
        if (environment is not null)
        {
            foreach (KeyValuePair<string, string> pair in environment)
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("minijwt " + string.Join(' ', args) + " did not end within 60 s");
        }

        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }
}
