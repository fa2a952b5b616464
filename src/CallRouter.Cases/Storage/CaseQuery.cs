using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Storage;

/// <summary>
/// A page of cases, ordered by problem number. <see cref="Manufacturer"/> is how a Mfr TS read
/// is scoped; <see cref="After"/> is the keyset cursor (the last problem number of the previous page).
/// </summary>
public sealed record CaseQuery
{
    public const int MaxLimit = 1000;

    public string? Manufacturer { get; init; }
    public CaseState? State { get; init; }
    public string? CustomerAccount { get; init; }
    public ProblemNumber? After { get; init; }
    public int Limit { get; init; } = 100;
}
