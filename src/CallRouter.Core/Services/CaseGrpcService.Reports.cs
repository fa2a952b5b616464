using System.Globalization;
using System.Text;
using CallRouter.Cases.Billing;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Reports;
using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CallRouter.Core.Services;

/// <content>Entitlement files, reports and invoices: supervisors and administrators only.</content>
public sealed partial class CaseGrpcService
{
    private const int MaxCsvBytes = 64 * 1024 * 1024;

    [Authorize(Roles = Roles.SupervisorsAndAdmins)]
    public override Task<EntitlementImport> ImportEntitlements(ImportEntitlementsRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        if (request.Csv.IsEmpty)
        {
            throw CaseProtoMapping.Invalid("csv is empty: send the manufacturer's entitlement file");
        }

        if (request.Csv.Length > MaxCsvBytes)
        {
            throw CaseProtoMapping.Invalid($"csv is larger than {MaxCsvBytes / (1024 * 1024)} MiB");
        }

        using var reader = new StreamReader(new MemoryStream(request.Csv.ToByteArray()), new UTF8Encoding(false, throwOnInvalidBytes: false));
        EntitlementImportRecord record = await _entitlements.ImportAsync(Actor(context), ManufacturerOrDefault(request.Manufacturer),
            request.SourceName ?? "", reader, context.CancellationToken);
        return record.ToProto();
    });

    [Authorize(Roles = Roles.SupervisorsAndAdmins)]
    public override Task<ListEntitlementImportsResponse> ListEntitlementImports(ListEntitlementImportsRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        IReadOnlyList<EntitlementImportRecord> imports = await _entitlements.ListImportsAsync(Actor(context), ManufacturerOrDefault(request.Manufacturer), context.CancellationToken);
        var response = new ListEntitlementImportsResponse();
        response.Imports.AddRange(imports.Select(i => i.ToProto()));
        return response;
    });

    [Authorize(Roles = Roles.SupervisorsAndAdmins)]
    public override Task<ReportResponse> GetReport(ReportRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        bool csv = request.Format == ReportFormat.Csv;
        var text = new StringWriter(CultureInfo.InvariantCulture);
        switch (request.Kind)
        {
            case ReportKind.Weekly:
                CallReport weekly = await _reports.WeeklyCallsAsync(Actor(context), Date(request.From, "from"), Date(request.To, "to"), context.CancellationToken);
                Write(text, csv, weekly, ReportWriter.WriteCsv);
                break;
            case ReportKind.Monthly:
                CaseReport monthly = await _reports.MonthlyCasesAsync(Actor(context), Date(request.From, "from"), Date(request.To, "to"), context.CancellationToken);
                Write(text, csv, monthly, ReportWriter.WriteCsv);
                break;
            case ReportKind.ServiceLevel:
                DateOnly? since = string.IsNullOrWhiteSpace(request.From) ? null : Date(request.From, "from");
                ServiceLevelView view = await _reports.ServiceLevelsAsync(Actor(context), since, context.CancellationToken);
                Write(text, csv, view, ReportWriter.WriteCsv);
                break;
            default:
                throw CaseProtoMapping.Invalid("kind is required: WEEKLY, MONTHLY or SERVICE_LEVEL");
        }

        return new ReportResponse { ContentType = csv ? "text/csv" : "application/json", Content = text.ToString() };
    });

    [Authorize(Roles = Roles.SupervisorsAndAdmins)]
    public override Task<InvoiceResponse> GetInvoice(InvoiceRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        if (!DateOnly.TryParseExact((request.Month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly month))
        {
            throw CaseProtoMapping.Invalid($"month must be yyyy-MM, got '{Truncate(request.Month)}'");
        }

        BillingTerms terms = BillingTerms.FromContract(ManufacturerOrDefault(request.Manufacturer), _options.SowEffectiveDate, _options.ImplementationEndDate);
        MonthlyInvoice invoice = await _billing.InvoiceAsync(Actor(context), terms, month.Year, month.Month, context.CancellationToken);
        return new InvoiceResponse { Json = ReportWriter.ToJson(invoice) };
    });

    private static void Write<T>(StringWriter text, bool csv, T report, Action<TextWriter, T> writeCsv)
    {
        if (csv)
        {
            writeCsv(text, report);
        }
        else
        {
            text.Write(ReportWriter.ToJson(report));
        }
    }

    private static DateOnly Date(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw CaseProtoMapping.Invalid($"{field} must be a date yyyy-MM-dd, got '{Truncate(text)}'");

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";
}
