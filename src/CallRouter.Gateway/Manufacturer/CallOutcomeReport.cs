namespace CallRouter.Gateway.Manufacturer;

/// <summary>How an escalation call ended up, for the core: answered, or failed with a reason (busy, no answer, …).</summary>
/// <param name="Token">The token the escalation gave the call (<c>PhoneCallRequest.Token</c>).</param>
/// <param name="CallReference">The SIP Call-ID.</param>
/// <param name="Reason">Null when answered; else why the call failed, with the SIP status.</param>
public sealed record CallOutcomeReport(string EscalationId, string Token, string CallReference, string? Reason)
{
    public bool Answered => Reason is null;
}
