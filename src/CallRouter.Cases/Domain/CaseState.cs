namespace CallRouter.Cases.Domain;

/// <summary>Case states of SPEC R7. Stored by name, so the numbers carry no meaning.</summary>
public enum CaseState
{
    Open,
    InProgress,
    PendingEndUser,
    EscalatedToManufacturer,
    Resolved,
    Closed,
    ClosureDeferred,
}
