namespace CallRouter.Cases.Domain;

/// <summary>
/// The explicit transition table. Closed is terminal (a new problem gets a new number);
/// Resolved may only be closed or reopened, so "resolved the same day" and "closed the same
/// day" stay measurable; closure deferred is where a case waits when Mfr TS cannot be reached
/// (SOW-A 6.1.3) and leaves only when work resumes, is escalated again or is resolved.
/// </summary>
public static class CaseTransitions
{
    private static readonly Dictionary<CaseState, CaseState[]> s_allowed = new()
    {
        [CaseState.Open] = [CaseState.InProgress, CaseState.PendingEndUser, CaseState.EscalatedToManufacturer, CaseState.Resolved, CaseState.ClosureDeferred],
        [CaseState.InProgress] = [CaseState.PendingEndUser, CaseState.EscalatedToManufacturer, CaseState.Resolved, CaseState.ClosureDeferred],
        [CaseState.PendingEndUser] = [CaseState.InProgress, CaseState.EscalatedToManufacturer, CaseState.Resolved, CaseState.ClosureDeferred],
        [CaseState.EscalatedToManufacturer] = [CaseState.InProgress, CaseState.Resolved, CaseState.ClosureDeferred],
        [CaseState.ClosureDeferred] = [CaseState.InProgress, CaseState.EscalatedToManufacturer, CaseState.Resolved],
        [CaseState.Resolved] = [CaseState.Closed, CaseState.InProgress],
        [CaseState.Closed] = [],
    };

    public static IReadOnlyList<CaseState> AllowedFrom(CaseState from) => s_allowed[from];

    public static bool IsAllowed(CaseState from, CaseState to) => Array.IndexOf(s_allowed[from], to) >= 0;

    /// <summary>Throws <see cref="CaseErrorCode.InvalidTransition"/> naming what would have been allowed.</summary>
    public static void EnsureAllowed(ProblemNumber problem, CaseState from, CaseState to)
    {
        if (!IsAllowed(from, to))
        {
            var allowed = s_allowed[from].Length == 0 ? "none, the case is closed" : string.Join(", ", s_allowed[from]);
            throw new CaseException(CaseErrorCode.InvalidTransition,
                $"Case {problem} cannot go from {from} to {to}; allowed from {from}: {allowed}.");
        }
    }

    /// <summary>States in which the end user is still owed updates at the severity cadence.</summary>
    public static bool IsActive(CaseState state) => state is not (CaseState.Resolved or CaseState.Closed);
}
