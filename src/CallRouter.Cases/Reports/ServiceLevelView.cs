namespace CallRouter.Cases.Reports;

/// <summary>
/// The live service-level view (SPEC R14, SOW-A 3.0 objectives 1–6) over [From, AsOf):
/// the raw counts and, in <see cref="Objectives"/>, each objective with met / not met.
/// </summary>
public sealed record ServiceLevelView
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required TimeSpan LongestHold { get; init; }
    public required int CallsWaitingNow { get; init; }
    public required int CallsCompleted { get; init; }
    public required int CallsAbandoned { get; init; }
    public required decimal AbandonedPercent { get; init; }
    public required int VoiceMessagesReturnedInTime { get; init; }
    public required int VoiceMessagesLate { get; init; }
    public required int VoiceMessagesPending { get; init; }
    public required int CasesMeasured { get; init; }
    public required int CasesResolvedWithinOneDay { get; init; }
    public required decimal ResolvedWithinOneDayPercent { get; init; }
    public required int CasesBeyond48Hours { get; init; }
    public required int CallsNotLogged { get; init; }
    public required int ResolvedClosedSameDay { get; init; }
    public required int ResolvedNotClosedSameDay { get; init; }
    public required IReadOnlyList<ObjectiveStatus> Objectives { get; init; }
}
