namespace MiniJwt.Cli;

/// <summary>The tool's exit codes: 0 done, 1 refused (a token or input that fails a check), 2 a usage mistake.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Refused = 1;
    public const int Usage = 2;
}
