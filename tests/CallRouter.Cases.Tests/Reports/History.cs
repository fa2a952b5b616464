using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Tests.Reports;

/// <summary>Builds hand-made histories in desk-local wall-clock time.</summary>
internal sealed class History(DeskCalendar calendar)
{
    private static readonly ProblemNumber s_case = ProblemNumber.FromSequence(1_000_000);
    private long _next = 1_000_001;

    public DeskCalendar Calendar => calendar;

    /// <summary>A local wall-clock time ("2026-03-08 23:58") as a UTC instant.</summary>
    public DateTimeOffset At(string local)
    {
        var value = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return calendar.At(DateOnly.FromDateTime(value), TimeOnly.FromDateTime(value));
    }

    public CallRecord Call(string id, string started, string? answered = null, string? ended = null,
        bool manufacturer = false, bool voicemail = false, string? returned = null, bool logged = true) => new()
    {
        CallId = id,
        ProblemNumber = s_case,
        StartedAt = At(started),
        QueuedAt = At(started),
        AnsweredAt = answered is null ? null : At(answered),
        EndedAt = ended is null ? null : At(ended),
        FromManufacturer = manufacturer,
        Voicemail = voicemail,
        VoicemailReturnedAt = returned is null ? null : At(returned),
        LoggedAt = logged && ended is not null ? At(ended) : null,
    };

    /// <summary>A call L1 answered and transferred to L2; <paramref name="level2Answered"/> null: the caller left waiting.</summary>
    public CallRecord TransferredCall(string id, string started, string answered, string transferred, string? level2Answered, string ended) =>
        Call(id, started, answered, ended) with
        {
            TransferredAt = At(transferred),
            TransferredBy = "agent.l1",
            Level2AnsweredAt = level2Answered is null ? null : At(level2Answered),
        };

    /// <summary>A line of a case's history, e.g. an escalation event recorded as "EscalationNoResponse".</summary>
    public AuditEntry Line(CaseRecord @case, string at, string action) =>
        new(0, @case.ProblemNumber, At(at), "escalation", Role.System, action, "recorded by escalation");

    public CaseRecord Case(string opened, string? resolved = null, string? escalated = null, string? closed = null)
    {
        var openedAt = At(opened);
        return new CaseRecord
        {
            ProblemNumber = ProblemNumber.FromSequence(_next++),
            Manufacturer = "NetScreen",
            CustomerAccount = "ACME-001",
            Severity = Severity.S3,
            State = closed is not null ? CaseState.Closed : resolved is not null ? CaseState.Resolved : escalated is not null ? CaseState.EscalatedToManufacturer : CaseState.Open,
            Entitlement = EntitlementStatus.Entitled,
            OpenedAt = openedAt,
            OpenedBy = "agent",
            UpdatedAt = openedAt,
            LastEndUserUpdateAt = openedAt,
            FirstEscalatedAt = escalated is null ? null : At(escalated),
            ResolvedAt = resolved is null ? null : At(resolved),
            ClosedAt = closed is null ? null : At(closed),
            Version = 1,
        };
    }
}
