namespace CallRouter.Cases.Entitlement;

/// <summary>A rejected row: line number in the file (1 = header), column name, and why.</summary>
public sealed record EntitlementImportError(int Line, string Column, string Reason)
{
    public override string ToString() => $"line {Line}, {Column}: {Reason}";
}
