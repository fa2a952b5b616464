namespace CallRouter.Cases.Entitlement;

/// <summary>The parsed file: valid entries, every error found, and how many data rows there were.</summary>
public sealed record EntitlementParseResult(
    IReadOnlyList<EntitlementEntry> Entries,
    IReadOnlyList<EntitlementImportError> Errors,
    int RowCount)
{
    public bool IsValid => Errors.Count == 0;
}
