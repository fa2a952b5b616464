namespace CallRouter.Escalation.Domain;

/// <summary>
/// An in-hours call to Mfr TS that has been handed to the gateway and whose outcome (answered,
/// busy, no answer) has not come back yet. The heartbeat does not wait for the ringing: the
/// gateway reports the outcome later, naming <see cref="Token"/>, and only a report naming the
/// current call of the current contact counts — a late report of an earlier call changes nothing.
/// </summary>
/// <param name="ContactIndex">The contact being called.</param>
/// <param name="Token">Names this call in the gateway's outcome report; unique per call.</param>
/// <param name="FailedBefore">Failed attempts of this contact before this call: the retry back-off grows with it.</param>
/// <param name="OutboxId">The outbox item of the contact: completed on answer, rescheduled with back-off on failure.</param>
/// <param name="StartedAt">When the call was handed to the gateway.</param>
public sealed record PhoneCallAttempt(int ContactIndex, string Token, int FailedBefore, long OutboxId, DateTimeOffset StartedAt);
