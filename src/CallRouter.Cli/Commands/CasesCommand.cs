using CallRouter.Contracts.V1;

namespace CallRouter.Cli.Commands;

/// <summary><c>cases list</c> and <c>cases show PROBLEM-NUMBER</c>, as the logged-in user may see them.</summary>
internal static class CasesCommand
{
    public static async Task<int> RunAsync(string? action, string? problemNumber, CliArguments args, CancellationToken cancel)
    {
        using Connection connection = await Connection.OpenAsync(args.Server, args.Get("user", "supervisor"), args.Password("demo-supervisor"), cancel);
        var cases = new CaseService.CaseServiceClient(connection.Invoker);
        switch (action)
        {
            case "list":
                ListCasesResponse page = await cases.ListCasesAsync(new ListCasesRequest
                {
                    State = ParseState(args.Get("state", "")),
                    CustomerAccount = args.Get("account", ""),
                    After = args.Get("after", ""),
                    Limit = args.GetInt("limit", 100),
                }, cancellationToken: cancel);
                Console.WriteLine($"{"problem",-10} {"state",-26} sev {"account",-16} {"model",-10} {"opened (UTC)",-17} flags");
                foreach (Case c in page.Cases)
                {
                    Console.WriteLine($"{c.ProblemNumber,-10} {c.State,-26} S{c.Severity}  {c.CustomerAccount,-16} {c.MachineModel,-10} {c.OpenedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm} {(c.NotUnderContract ? "NOT UNDER CONTRACT" : "")}");
                }

                Console.WriteLine($"{page.Cases.Count} case(s)" + (page.Cases.Count == Math.Max(1, args.GetInt("limit", 100)) ? $"; next page: --after {page.Cases[^1].ProblemNumber}" : ""));
                return 0;

            case "show" when !string.IsNullOrEmpty(problemNumber):
                CaseDetail detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = problemNumber }, cancellationToken: cancel);
                Case k = detail.Case;
                Console.WriteLine($"case {k.ProblemNumber}: {k.State}, severity {k.Severity}, {k.CustomerAccount} ({k.Entitlement}), {k.MachineModel} {k.SerialNumber}");
                foreach (CaseCall call in detail.Calls)
                {
                    Console.WriteLine($"  call {call.CallId} agent {call.AgentId} wait {call.Wait?.ToTimeSpan():hh\\:mm\\:ss} talk {call.Talk?.ToTimeSpan():hh\\:mm\\:ss}{(call.Abandoned ? " abandoned" : "")}{(call.Billable ? "" : " not billable")}");
                }

                foreach (CaseAuditLine line in detail.History)
                {
                    Console.WriteLine($"  {line.At.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss}Z {line.Actor} {line.Action}: {line.Detail}");
                }

                return 0;

            default:
                throw new CliException("usage: cases list [--state open] [--account A] [--limit N] [--after P] | cases show PROBLEM-NUMBER");
        }
    }

    private static CaseState ParseState(string text) => text.Replace("-", "_", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "" => CaseState.Unspecified,
        "OPEN" => CaseState.Open,
        "IN_PROGRESS" => CaseState.InProgress,
        "PENDING_END_USER" => CaseState.PendingEndUser,
        "ESCALATED" or "ESCALATED_TO_MANUFACTURER" => CaseState.EscalatedToManufacturer,
        "RESOLVED" => CaseState.Resolved,
        "CLOSED" => CaseState.Closed,
        "CLOSURE_DEFERRED" => CaseState.ClosureDeferred,
        _ => throw new CliException($"unknown state '{text}' (open, in-progress, pending-end-user, escalated, resolved, closed, closure-deferred)"),
    };
}
