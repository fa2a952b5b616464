using CallRouter.Contracts.V1;

namespace CallRouter.Cli.AgentConsole;

/// <summary>The words an agent types for a wrap-up disposition, shared by --disposition and the wrapup command.</summary>
internal static class DispositionNames
{
    public const string Choices = "resolved, needs-l2, escalate, call-back";

    public static Disposition? Find(string word) => word.ToLowerInvariant() switch
    {
        "resolved" => Disposition.Resolved,
        "needs-l2" => Disposition.NeedsL2,
        "escalate" => Disposition.EscalateToManufacturer,
        "call-back" => Disposition.CallBack,
        _ => null,
    };
}
