using CallRouter.Routing;

namespace CallRouter.Core.Persistence;

/// <summary>How a call ended, as kept for reports: answered, abandoned, voicemail, returned, transferred.</summary>
public sealed record CallRecord(
    string CallId,
    MachineModel Model,
    int Severity,
    string CustomerAccount,
    string ProblemNumber,
    bool FromManufacturer,
    string Outcome,
    string? AgentId,
    TimeSpan Waited,
    TimeSpan Talked,
    DateTimeOffset EndedAt);
