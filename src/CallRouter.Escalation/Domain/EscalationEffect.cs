namespace CallRouter.Escalation.Domain;

/// <summary>
/// What a decision asks the world to do. The store keeps all of them in the same transaction as
/// the new state (timers in the timer table, contacts and notices in the outbox, events in the
/// log), so a crash either loses the whole decision or none of it.
/// </summary>
public abstract record EscalationEffect
{
    private EscalationEffect()
    {
    }

    /// <summary>Reach this contact with this message (outbox, retried until the channel accepts or the contact is passed).</summary>
    public sealed record RequestContact(int ContactIndex, EscalationContact Contact, string Message) : EscalationEffect;

    /// <summary>Arm the response timer of a contact; any other pending timer of the escalation is cancelled.</summary>
    public sealed record ArmResponseTimer(int ContactIndex, DateTimeOffset DueAt) : EscalationEffect;

    /// <summary>Cancel every pending timer of the escalation.</summary>
    public sealed record CancelTimers : EscalationEffect;

    /// <summary>Tell the case service to defer the case's closure.</summary>
    public sealed record DeferClosure(string Reason) : EscalationEffect;

    /// <summary>Tell the desk (the agent who escalated, their supervisor's board) something it must act on.</summary>
    public sealed record NotifyDesk(string Message) : EscalationEffect;

    /// <summary>The chain is exhausted: alert the supervisor.</summary>
    public sealed record AlertSupervisor(string Message) : EscalationEffect;

    /// <summary>Append to the escalation's history.</summary>
    public sealed record Record(EscalationEvent Event) : EscalationEffect;
}
