namespace CallRouter.Cases.Reports;

/// <summary>One SOW-A 3.0 objective: its target, what was measured, and whether it is met.</summary>
public sealed record ObjectiveStatus(
    int Number,
    string Objective,
    string Target,
    string Actual,
    bool Met);
