namespace CallRouter.Cases.Entitlement;

/// <summary>One import attempt as kept in the history, accepted or not.</summary>
public sealed record EntitlementImportRecord
{
    public long Id { get; init; }
    public required string Manufacturer { get; init; }
    public required string SourceName { get; init; }
    public required string ImportedBy { get; init; }
    public required DateTimeOffset ImportedAt { get; init; }
    public required bool Accepted { get; init; }
    public required int RowCount { get; init; }
    public IReadOnlyList<EntitlementImportError> Errors { get; init; } = [];
}
