namespace CallRouter.Gateway.Manufacturer;

/// <summary>The core's escalation service as far as the phone leg needs it: record that Mfr TS answered.</summary>
public interface IEscalationResponses
{
    /// <summary>Records the engineer's acknowledgment on the escalation (EscalationService.RecordResponse); never throws for a refusal.</summary>
    Task<ResponseRecording> RecordResponseAsync(string escalationId, string responder, string via, CancellationToken cancellationToken);
}
