namespace CallRouter.Escalation.Domain;

/// <summary>
/// Everything that can happen to an escalation — requests from the desk, answers and failures
/// from the channels, timer expiries — is one of these, given to <see cref="EscalationMachine.Decide"/>.
/// Inputs naming a contact index are ignored once the escalation has moved past that contact.
/// </summary>
public abstract record EscalationInput
{
    private EscalationInput()
    {
    }

    /// <summary>Begin: contacts[0] is asked now and must answer within <paramref name="Window"/>.</summary>
    public sealed record Start(string Id, EscalationRequest Request, Calendar.ContactPath Path,
        IReadOnlyList<EscalationContact> Contacts, TimeSpan Window) : EscalationInput;

    /// <summary>The channel accepted the contact (page sent, call placed); the response clock restarts from here.</summary>
    public sealed record ContactDelivered(int ContactIndex, PageReceipt? Receipt, string Reference) : EscalationInput;

    /// <summary>The channel refused or failed; the contact stays pending and is retried.</summary>
    public sealed record ContactFailed(int ContactIndex, string Error) : EscalationInput;

    /// <summary>A call to the contact is being handed to the gateway; its outcome comes later as <see cref="CallAnswered"/> or <see cref="CallFailed"/>.</summary>
    public sealed record CallStarted(int ContactIndex, string Token, int FailedBefore, long OutboxId) : EscalationInput;

    /// <summary>The gateway reports that the call named by <paramref name="Token"/> was answered: the contact is reached.</summary>
    public sealed record CallAnswered(string Token, string Reference) : EscalationInput;

    /// <summary>The gateway reports that the call named by <paramref name="Token"/> was busy, not answered or failed: as <see cref="ContactFailed"/>.</summary>
    public sealed record CallFailed(string Token, string Error) : EscalationInput;

    /// <summary>The durable response timer of a contact expired.</summary>
    public sealed record ResponseDue(int ContactIndex) : EscalationInput;

    /// <summary>Mfr TS answered (PTAS status, DTMF acknowledgment, or an agent through the API).</summary>
    public sealed record Responded(string Responder, string Via) : EscalationInput;

    /// <summary>The PTAS reports it cannot reach Mfr TS (SOW-A 6.1 item 3).</summary>
    public sealed record Unreachable(int ContactIndex, string Detail) : EscalationInput;

    /// <summary>The engineer answered and then dropped the contact.</summary>
    public sealed record Dropped(int ContactIndex, string Responder) : EscalationInput;

    /// <summary>Mfr TS hands the case back to the desk for closure or further work.</summary>
    public sealed record HandedBack(string By, string Reason) : EscalationInput;

    /// <summary>Someone asked for the status (SOW-A 6.1 item 4); recorded with the answer given.</summary>
    public sealed record StatusQueried(string By, string Answer) : EscalationInput;

    /// <summary>The desk withdraws the escalation.</summary>
    public sealed record Cancel(string By, string Reason) : EscalationInput;
}
