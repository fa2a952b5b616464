namespace CallRouter.Cases.Entitlement;

/// <summary>One row of the manufacturer's flat file (SOW-A 4.0 Mfr 4).</summary>
public sealed record EntitlementEntry(
    string CustomerAccount,
    string CustomerName,
    string ServiceLevel,
    DateOnly ExpiryDate)
{
    /// <summary>Accounts compare trimmed and case-insensitively: switches and files disagree on case.</summary>
    public static string NormaliseAccount(string account) => account.Trim().ToUpperInvariant();

    /// <summary>The contract covers the expiry date itself.</summary>
    public bool IsInForceOn(DateOnly date) => date <= ExpiryDate;
}
