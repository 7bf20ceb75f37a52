namespace MiniJwt.Cli;

/// <summary>The few colours the tool uses, shown only on a terminal and never under NO_COLOR.</summary>
internal enum Style
{
    Good,
    Bad,
    Warning,
    Label,
    Dim,
}
