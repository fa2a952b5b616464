using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>Case domain ⇄ gRPC contract.</summary>
internal static class CaseProtoMapping
{
    public static Proto.Case ToProto(this CaseRecord c) => new()
    {
        ProblemNumber = c.ProblemNumber.ToString(),
        Manufacturer = c.Manufacturer,
        CustomerAccount = c.CustomerAccount,
        EndUserName = c.EndUserName ?? "",
        CallbackNumber = c.CallbackNumber ?? "",
        MachineModel = c.MachineModel ?? "",
        SerialNumber = c.SerialNumber ?? "",
        Severity = (int)c.Severity,
        State = c.State.ToProto(),
        Entitlement = c.Entitlement.ToString().ToUpperInvariant(),
        NotUnderContract = c.NotUnderContract,
        OpenedAt = Ts(c.OpenedAt),
        OpenedBy = c.OpenedBy,
        UpdatedAt = Ts(c.UpdatedAt),
        NextUpdateDueAt = Ts(c.NextUpdateDueAt),
        FirstEscalatedAt = Ts(c.FirstEscalatedAt),
        ResolvedAt = Ts(c.ResolvedAt),
        ClosedAt = Ts(c.ClosedAt),
        Version = c.Version,
    };

    public static Proto.CaseDetail ToProto(this CaseDetail d)
    {
        var detail = new Proto.CaseDetail { Case = d.Case.ToProto() };
        detail.Calls.AddRange(d.Calls.Select(call => new Proto.CaseCall
        {
            CallId = call.CallId,
            AgentId = call.AgentId ?? "",
            StartedAt = Ts(call.StartedAt),
            AnsweredAt = Ts(call.AnsweredAt),
            EndedAt = Ts(call.EndedAt),
            Wait = call.WaitDuration is { } wait ? Duration.FromTimeSpan(wait) : null,
            Talk = call.TalkDuration is { } talk ? Duration.FromTimeSpan(talk) : null,
            FromManufacturer = call.FromManufacturer,
            Billable = call.Billable,
            Voicemail = call.Voicemail,
            Abandoned = call.IsAbandoned,
            LoggedAt = Ts(call.LoggedAt),
            TransferredAt = Ts(call.TransferredAt),
            TransferredBy = call.TransferredBy ?? "",
            Level2AnsweredAt = Ts(call.Level2AnsweredAt),
            Level2Wait = call.Level2WaitDuration is { } level2Wait ? Duration.FromTimeSpan(level2Wait) : null,
        }));
        detail.SeverityHistory.AddRange(d.SeverityHistory.Select(s => new Proto.CaseSeverityChange
        {
            From = s.From is { } from ? (int)from : 0,
            To = (int)s.To,
            AgreedBy = s.Agreement.AgreedBy,
            AgreedAt = Ts(s.Agreement.AgreedAt),
            Channel = s.Agreement.Channel,
            RecordedBy = s.RecordedBy,
            RecordedAt = Ts(s.RecordedAt),
        }));
        detail.Notes.AddRange(d.Notes.Select(n => new Proto.CaseNote
        {
            Kind = n.Kind.ToProto(), Text = n.Text, Author = n.Author, AuthorRole = n.AuthorRole.ToString(), At = Ts(n.At),
        }));
        detail.History.AddRange(d.Audit.Select(a => new Proto.CaseAuditLine
        {
            Sequence = a.Sequence, At = Ts(a.At), Actor = a.ActorId, ActorRole = a.ActorRole.ToString(), Action = a.Action, Detail = a.Detail,
        }));
        return detail;
    }

    public static Proto.EntitlementImport ToProto(this EntitlementImportRecord r)
    {
        var import = new Proto.EntitlementImport
        {
            Id = r.Id, Manufacturer = r.Manufacturer, SourceName = r.SourceName, ImportedBy = r.ImportedBy,
            ImportedAt = Ts(r.ImportedAt), Accepted = r.Accepted, RowCount = r.RowCount,
        };
        import.Errors.AddRange(r.Errors.Select(e => new Proto.EntitlementImportError { Line = e.Line, Column = e.Column, Reason = e.Reason }));
        return import;
    }

    public static Proto.CaseState ToProto(this CaseState state) => state switch
    {
        CaseState.Open => Proto.CaseState.Open,
        CaseState.InProgress => Proto.CaseState.InProgress,
        CaseState.PendingEndUser => Proto.CaseState.PendingEndUser,
        CaseState.EscalatedToManufacturer => Proto.CaseState.EscalatedToManufacturer,
        CaseState.Resolved => Proto.CaseState.Resolved,
        CaseState.Closed => Proto.CaseState.Closed,
        CaseState.ClosureDeferred => Proto.CaseState.ClosureDeferred,
        _ => Proto.CaseState.Unspecified,
    };

    public static CaseState ToDomain(this Proto.CaseState state) => state switch
    {
        Proto.CaseState.Open => CaseState.Open,
        Proto.CaseState.InProgress => CaseState.InProgress,
        Proto.CaseState.PendingEndUser => CaseState.PendingEndUser,
        Proto.CaseState.EscalatedToManufacturer => CaseState.EscalatedToManufacturer,
        Proto.CaseState.Resolved => CaseState.Resolved,
        Proto.CaseState.Closed => CaseState.Closed,
        Proto.CaseState.ClosureDeferred => CaseState.ClosureDeferred,
        _ => throw Invalid("state is required (OPEN, IN_PROGRESS, PENDING_END_USER, ESCALATED_TO_MANUFACTURER, RESOLVED, CLOSED, CLOSURE_DEFERRED)"),
    };

    public static Proto.CaseNoteKind ToProto(this NoteKind kind) => kind switch
    {
        NoteKind.General => Proto.CaseNoteKind.General,
        NoteKind.CallLog => Proto.CaseNoteKind.CallLog,
        NoteKind.EndUserUpdate => Proto.CaseNoteKind.EndUserUpdate,
        NoteKind.Status => Proto.CaseNoteKind.Status,
        NoteKind.CorrectiveAction => Proto.CaseNoteKind.CorrectiveAction,
        NoteKind.HandBack => Proto.CaseNoteKind.HandBack,
        _ => Proto.CaseNoteKind.Unspecified,
    };

    /// <summary>Call logs and hand-back notes are written by the system itself, never through AddNote.</summary>
    public static NoteKind ToWritableNoteKind(this Proto.CaseNoteKind kind) => kind switch
    {
        Proto.CaseNoteKind.General => NoteKind.General,
        Proto.CaseNoteKind.EndUserUpdate => NoteKind.EndUserUpdate,
        Proto.CaseNoteKind.Status => NoteKind.Status,
        Proto.CaseNoteKind.CorrectiveAction => NoteKind.CorrectiveAction,
        _ => throw Invalid("kind must be GENERAL, END_USER_UPDATE, STATUS or CORRECTIVE_ACTION"),
    };

    public static HandBackReason ToDomain(this Proto.HandBackReason reason) => reason switch
    {
        Proto.HandBackReason.ForClosure => HandBackReason.ForClosure,
        Proto.HandBackReason.ForFurtherWork => HandBackReason.ForFurtherWork,
        _ => throw Invalid("reason is required (FOR_CLOSURE or FOR_FURTHER_WORK)"),
    };

    public static Timestamp? Ts(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
