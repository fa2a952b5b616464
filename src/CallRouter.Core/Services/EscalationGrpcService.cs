using CallRouter.Cases.Domain;
using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using CallRouter.Core.Escalations;
using CallRouter.Escalation.Domain;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Domain = CallRouter.Escalation;

namespace CallRouter.Core.Services;

/// <summary>
/// Escalation to Mfr TS over gRPC: L2 agents, supervisors and administrators (SPEC R10). The SIP
/// gateway's service account may call RecordResponse (the engineer's DTMF acknowledgment of the
/// in-hours call) and ReportCallOutcome (answered, busy, no answer) only — class and method roles
/// must both be met, and every desk method names the desk roles.
/// </summary>
[Authorize(Roles = Roles.AgentL2 + "," + Roles.SupervisorsAndAdmins + "," + Roles.Gateway)]
public sealed class EscalationGrpcService(
    Domain.EscalationService escalations,
    CaseEscalations caseEscalations,
    Domain.EscalationScheduler scheduler,
    CaseActors actors,
    BroadcastHub<EscalationNotice> notices) : EscalationService.EscalationServiceBase
{
    private const int MaxText = 1000;
    private const string Desk = Roles.AgentL2 + "," + Roles.SupervisorsAndAdmins;

    [Authorize(Roles = Desk)]
    public override Task<Contracts.V1.Escalation> Escalate(EscalateRequest request, ServerCallContext context) => Map(async () =>
    {
        ProblemNumber number = ProblemNumber.Parse(request.ProblemNumber);
        EscalationRecord started = await caseEscalations.EscalateAsync(Actor(context), number, Limit(request.Summary, "summary"), context.CancellationToken);
        return await WithHistoryAsync(started, context.CancellationToken);
    });

    [Authorize(Roles = Desk)]
    public override Task<EscalationStatusResponse> GetStatus(GetEscalationStatusRequest request, ServerCallContext context) => Map(async () =>
    {
        Domain.EscalationStatus status = await escalations.QueryStatusAsync(Required(request.EscalationId, "escalation_id"), Actor(context).UserId, context.CancellationToken);
        return new EscalationStatusResponse
        {
            Escalation = await WithHistoryAsync(status.Escalation, context.CancellationToken),
            Summary = status.Summary,
            TimeLeft = status.TimeLeft is { } left ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(left) : null,
            PageState = status.Page?.State.ToString().ToUpperInvariant() ?? "",
        };
    });

    public override Task<Contracts.V1.Escalation> RecordResponse(RecordEscalationResponseRequest request, ServerCallContext context) => Map(async () =>
    {
        EscalationRecord record = await escalations.RecordResponseAsync(Required(request.EscalationId, "escalation_id"), Required(request.Responder, "responder"),
            string.IsNullOrWhiteSpace(request.Via) ? "API" : Limit(request.Via, "via"), context.CancellationToken);
        return await WithHistoryAsync(record, context.CancellationToken);
    });

    /// <summary>Only the gateway: it placed the call and is the one that knows how it ended.</summary>
    [Authorize(Roles = Roles.Gateway)]
    public override Task<Contracts.V1.Escalation> ReportCallOutcome(ReportCallOutcomeRequest request, ServerCallContext context) => Map(async () =>
    {
        string id = Required(request.EscalationId, "escalation_id");
        string token = Required(request.CallToken, "call_token");
        EscalationRecord record = request.Answered
            ? await escalations.ReportCallAnsweredAsync(id, token, Required(request.CallReference, "call_reference"), context.CancellationToken)
            : await escalations.ReportContactFailedAsync(id, token, Required(request.Reason, "reason"), context.CancellationToken);
        return await WithHistoryAsync(record, context.CancellationToken);
    });

    [Authorize(Roles = Desk)]
    public override Task<Contracts.V1.Escalation> HandBack(EscalationHandBackRequest request, ServerCallContext context) => Map(async () =>
    {
        EscalationRecord record = await caseEscalations.HandBackAsync(Actor(context), Required(request.EscalationId, "escalation_id"),
            Required(request.Reason, "reason"), context.CancellationToken);
        return await WithHistoryAsync(record, context.CancellationToken);
    });

    [Authorize(Roles = Desk)]
    public override Task<Contracts.V1.Escalation> Cancel(CancelEscalationRequest request, ServerCallContext context) => Map(async () =>
    {
        EscalationRecord record = await escalations.CancelAsync(Required(request.EscalationId, "escalation_id"), Actor(context).UserId,
            Required(request.Reason, "reason"), context.CancellationToken);
        return await WithHistoryAsync(record, context.CancellationToken);
    });

    [Authorize(Roles = Desk)]
    public override Task<ListEscalationsResponse> ListEscalations(ListEscalationsRequest request, ServerCallContext context) => Map(async () =>
    {
        ProblemNumber number = ProblemNumber.Parse(request.ProblemNumber);
        var response = new ListEscalationsResponse();
        foreach (EscalationRecord record in await escalations.ListForCaseAsync(number.ToString(), context.CancellationToken))
        {
            response.Escalations.Add(await WithHistoryAsync(record, context.CancellationToken));
        }

        return response;
    });

    [Authorize(Roles = Roles.SupervisorsAndAdmins)]
    public override async Task WatchNotices(WatchEscalationNoticesRequest request, IServerStreamWriter<EscalationNotice> responseStream, ServerCallContext context)
    {
        var channel = notices.Subscribe();
        try
        {
            await foreach (EscalationNotice notice in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(notice, context.CancellationToken);
            }
        }
        finally
        {
            notices.Unsubscribe(channel);
        }
    }

    private async Task<Contracts.V1.Escalation> WithHistoryAsync(EscalationRecord record, CancellationToken cancellationToken)
    {
        // Whatever the request changed (a response, a hand-back, a status query) reaches the
        // case history on the next beat: make that beat now rather than up to HeartbeatMaxDelay away.
        scheduler.Wake();
        return record.ToProto(await escalations.ListEventsAsync(record.Id, cancellationToken));
    }

    private Actor Actor(ServerCallContext context) => actors.For(context.GetHttpContext().User);

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required")) : Limit(value, field);

    private static string Limit(string? value, string field) =>
        (value ?? "").Length > MaxText ? throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is longer than {MaxText} characters")) : (value ?? "").Trim();

    private static async Task<T> Map<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (EscalationException failure)
        {
            throw EscalationFailures.ToRpc(failure);
        }
        catch (CaseException failure)
        {
            throw CaseFailures.ToRpc(failure);
        }
    }
}
