using CallRouter.Cases.Domain;
using CallRouter.Cases.Billing;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Storage;
using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using CallRouter.Core.Escalations;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Domain = CallRouter.Cases;

namespace CallRouter.Core.Services;

/// <summary>
/// Cases over gRPC (docs/cases.md): validate → map → call the case domain → map back. Roles are
/// enforced twice on purpose: here by attribute (desk-only and supervisor-only methods are
/// refused to everyone else before any work), and again by the domain for every actor.
/// </summary>
[Authorize(Roles = DeskAndManufacturer)]
public sealed partial class CaseGrpcService(
    Domain.CaseService cases,
    EntitlementService entitlements,
    CaseActors actors,
    BroadcastHub<CaseReminder> reminders,
    ReportService reports,
    BillingService billing,
    CaseOptions options,
    CaseEscalations escalations) : CaseService.CaseServiceBase
{
    // Used by the reporting part of the class.
    private readonly EntitlementService _entitlements = entitlements;
    private readonly ReportService _reports = reports;
    private readonly BillingService _billing = billing;
    private readonly CaseOptions _options = options;

    private const string DeskAndManufacturer = Roles.Agents + "," + Roles.SupervisorsAndAdmins + "," + Roles.Manufacturer;
    private const string Desk = Roles.Agents + "," + Roles.SupervisorsAndAdmins;
    private const int MaxNoteLength = 4000;

    public override Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        int limit = request.Limit == 0 ? 100 : request.Limit;
        if (limit is < 1 or > CaseQuery.MaxLimit)
        {
            throw CaseProtoMapping.Invalid($"limit must be 1 to {CaseQuery.MaxLimit}");
        }

        var query = new CaseQuery
        {
            State = request.State == Contracts.V1.CaseState.Unspecified ? null : request.State.ToDomain(),
            CustomerAccount = string.IsNullOrWhiteSpace(request.CustomerAccount) ? null : request.CustomerAccount.Trim(),
            After = string.IsNullOrWhiteSpace(request.After) ? null : ProblemNumber.Parse(request.After),
            Limit = limit,
        };
        IReadOnlyList<CaseRecord> page = await cases.ListCasesAsync(Actor(context), query, context.CancellationToken);
        var response = new ListCasesResponse();
        response.Cases.AddRange(page.Select(c => c.ToProto()));
        return response;
    });

    public override Task<Contracts.V1.CaseDetail> GetCase(GetCaseRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
        (await cases.GetCaseAsync(Actor(context), ProblemNumber.Parse(request.ProblemNumber), context.CancellationToken)).ToProto());

    [Authorize(Roles = Desk)]
    public override Task<Case> ChangeState(ChangeCaseStateRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
        (await cases.ChangeStateAsync(Actor(context), ProblemNumber.Parse(request.ProblemNumber), request.State.ToDomain(),
            NullIfBlank(request.Reason), context.CancellationToken)).ToProto());

    [Authorize(Roles = Desk)]
    public override Task<Case> ChangeSeverity(ChangeSeverityRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        if (request.Severity is < 1 or > 4)
        {
            throw CaseProtoMapping.Invalid($"severity must be 1 to 4, got {request.Severity}");
        }

        if (string.IsNullOrWhiteSpace(request.AgreedBy) || request.AgreedAt is null || string.IsNullOrWhiteSpace(request.Channel))
        {
            throw CaseProtoMapping.Invalid("a severity change needs the end user's agreement: agreed_by, agreed_at and channel");
        }

        var agreement = new EndUserAgreement(request.AgreedBy.Trim(), request.AgreedAt.ToDateTimeOffset(), request.Channel.Trim());
        return (await cases.ChangeSeverityAsync(Actor(context), ProblemNumber.Parse(request.ProblemNumber), (Severity)request.Severity,
            agreement, context.CancellationToken)).ToProto();
    });

    public override Task<Case> AddNote(AddCaseNoteRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxNoteLength)
        {
            throw CaseProtoMapping.Invalid($"text is required, at most {MaxNoteLength} characters");
        }

        return (await cases.AddNoteAsync(Actor(context), ProblemNumber.Parse(request.ProblemNumber), request.Kind.ToWritableNoteKind(),
            request.Text.Trim(), context.CancellationToken)).ToProto();
    });

    [Authorize(Roles = Roles.Manufacturer)]
    public override Task<Case> HandBack(HandBackRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        if (string.IsNullOrWhiteSpace(request.Note) || request.Note.Length > MaxNoteLength)
        {
            throw CaseProtoMapping.Invalid($"note is required (what was done, what the desk should do), at most {MaxNoteLength} characters");
        }

        Actor actor = Actor(context);
        ProblemNumber number = ProblemNumber.Parse(request.ProblemNumber);
        CaseRecord handedBack = await cases.HandBackAsync(actor, number, request.Reason.ToDomain(), request.Note.Trim(), context.CancellationToken);

        // The Mfr TS answer is in: its escalation (timers, pages) ends with the hand-back.
        await escalations.CaseHandedBackAsync(number, actor.UserId, request.Note.Trim(), context.CancellationToken);
        return handedBack.ToProto();
    });

    [Authorize(Roles = Desk)]
    public override Task<ListUpdatesDueResponse> ListUpdatesDue(ListUpdatesDueRequest request, ServerCallContext context) => CaseFailures.Map(async () =>
    {
        int limit = request.Limit == 0 ? 100 : Math.Clamp(request.Limit, 1, CaseQuery.MaxLimit);
        IReadOnlyList<UpdateReminder> due = await cases.ListUpdatesDueAsync(Actor(context), limit, context.CancellationToken);
        var response = new ListUpdatesDueResponse();
        response.Reminders.AddRange(due.Select(r => new CaseReminder
        {
            ProblemNumber = r.ProblemNumber.ToString(),
            DueAt = CaseProtoMapping.Ts(r.DueAt),
            Text = $"severity {(int)r.Severity}, {r.State}, overdue by {r.Overdue:d\\.hh\\:mm}",
        }));
        return response;
    });

    [Authorize(Roles = Roles.SupervisorsAndAdmins)]
    public override async Task WatchReminders(WatchRemindersRequest request, IServerStreamWriter<CaseReminder> responseStream, ServerCallContext context)
    {
        var channel = reminders.Subscribe();
        try
        {
            await foreach (CaseReminder reminder in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(reminder, context.CancellationToken);
            }
        }
        finally
        {
            reminders.Unsubscribe(channel);
        }
    }

    private Actor Actor(ServerCallContext context) => actors.For(context.GetHttpContext().User);

    private string ManufacturerOrDefault(string requested) => string.IsNullOrWhiteSpace(requested) ? actors.Manufacturer : requested.Trim();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
