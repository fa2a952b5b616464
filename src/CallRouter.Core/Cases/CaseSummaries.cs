using System.Globalization;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>What an agent's offer shows about the case behind a call (SPEC R5).</summary>
internal static class CaseSummaries
{
    public static Proto.CaseSummary From(CaseDetail detail, EntitlementCheck entitlement, Proto.MachineModel model, int historyLines)
    {
        CaseRecord record = detail.Case;
        var summary = new Proto.CaseSummary
        {
            ProblemNumber = record.ProblemNumber.ToString(),
            CustomerAccount = record.CustomerAccount,
            CustomerName = entitlement.Entry?.CustomerName ?? record.EndUserName ?? "",
            Entitled = !record.NotUnderContract,
            EntitlementNote = Describe(record, entitlement),
            MachineModel = model,
            SerialNumber = record.SerialNumber ?? "",
            Severity = (int)record.Severity,
            State = record.State.ToString(),
        };

        // Newest last, as a console prints a log.
        summary.History.AddRange(detail.Audit
            .OrderBy(a => a.Sequence)
            .TakeLast(historyLines)
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.At:yyyy-MM-dd HH:mm}Z {a.Action}: {a.Detail}")));
        return summary;
    }

    private static string Describe(CaseRecord record, EntitlementCheck entitlement) => record.Entitlement switch
    {
        EntitlementStatus.Entitled when entitlement.Entry is { } entry =>
            string.Create(CultureInfo.InvariantCulture, $"{entry.ServiceLevel} until {entry.ExpiryDate:yyyy-MM-dd}"),
        EntitlementStatus.Entitled => "under contract",
        EntitlementStatus.Expired when entitlement.Entry is { } entry =>
            string.Create(CultureInfo.InvariantCulture, $"NOT UNDER CONTRACT: expired {entry.ExpiryDate:yyyy-MM-dd}; serve and note, manufacturer notified"),
        _ => "NOT UNDER CONTRACT: account not on the entitlement list; serve and note, manufacturer notified",
    };
}
