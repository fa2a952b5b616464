using CallRouter.Contracts.V1;

namespace CallRouter.Cli.Commands;

/// <summary><c>report weekly|monthly|service-level</c> and <c>invoice --month</c>: printed as the server renders them.</summary>
internal static class ReportCommand
{
    public static async Task<int> ReportAsync(string? kind, CliArguments args, CancellationToken cancel)
    {
        ReportKind reportKind = kind switch
        {
            "weekly" => ReportKind.Weekly,
            "monthly" => ReportKind.Monthly,
            "service-level" => ReportKind.ServiceLevel,
            _ => throw new CliException("usage: report weekly|monthly|service-level --from yyyy-MM-dd [--to yyyy-MM-dd] [--csv]"),
        };
        using Connection connection = await Connection.OpenAsync(args.Server, args.Get("user", "supervisor"), args.Password("demo-supervisor"), cancel);
        var cases = new CaseService.CaseServiceClient(connection.Invoker);
        ReportResponse report = await cases.GetReportAsync(new ReportRequest
        {
            Kind = reportKind,
            From = reportKind == ReportKind.ServiceLevel ? args.Get("from", "") : args.Require("from"),
            To = reportKind == ReportKind.ServiceLevel ? "" : args.Require("to"),
            Format = args.Flag("csv") ? ReportFormat.Csv : ReportFormat.Json,
        }, cancellationToken: cancel);
        Console.Write(report.Content);
        if (!report.Content.EndsWith('\n'))
        {
            Console.WriteLine();
        }

        return 0;
    }

    public static async Task<int> InvoiceAsync(CliArguments args, CancellationToken cancel)
    {
        using Connection connection = await Connection.OpenAsync(args.Server, args.Get("user", "supervisor"), args.Password("demo-supervisor"), cancel);
        var cases = new CaseService.CaseServiceClient(connection.Invoker);
        InvoiceResponse invoice = await cases.GetInvoiceAsync(new InvoiceRequest { Month = args.Require("month"), Manufacturer = args.Get("manufacturer", "") }, cancellationToken: cancel);
        Console.WriteLine(invoice.Json);
        return 0;
    }
}
