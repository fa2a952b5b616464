namespace CallRouter.Gateway.Manufacturer;

/// <summary>The core's escalation service as far as the phone leg needs it: how the call ended up, and that Mfr TS answered.</summary>
public interface IEscalationResponses
{
    /// <summary>Records the engineer's acknowledgment on the escalation (EscalationService.RecordResponse); never throws for a refusal.</summary>
    Task<ResponseRecording> RecordResponseAsync(string escalationId, string responder, string via, CancellationToken cancellationToken);

    /// <summary>
    /// Reports how the call the escalation handed over ended up (EscalationService.ReportCallOutcome):
    /// answered, or busy / no answer / failed with <paramref name="reason"/>. Never throws for a refusal.
    /// </summary>
    Task<ResponseRecording> ReportCallOutcomeAsync(CallOutcomeReport report, CancellationToken cancellationToken);
}
