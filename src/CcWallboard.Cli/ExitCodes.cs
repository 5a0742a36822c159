namespace CcWallboard.Cli;

/// <summary>The process exit codes of <c>ccwallboard</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command could not finish (e.g. the output could not be written).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or a bad configuration: nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>The input data is bad (e.g. an events file with no valid event, or a rejected line under --strict).</summary>
    public const int InvalidInput = 3;
}
