namespace CallRouter.Sip.InteropTests;

/// <summary>What one SIPp process did: its exit code and what it printed.</summary>
internal sealed record SippRun(int ExitCode, string Output, string Error)
{
    /// <summary>SIPp exits 0 only when every call succeeded.</summary>
    public bool AllCallsSucceeded => ExitCode == 0;

    public override string ToString() => $"sipp exit code {ExitCode}\n--- stdout (tail)\n{Tail(Output)}\n--- stderr (tail)\n{Tail(Error)}";

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;
}
