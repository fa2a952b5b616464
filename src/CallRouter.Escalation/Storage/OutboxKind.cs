namespace CallRouter.Escalation.Storage;

/// <summary>What an outbox item asks for. Stored by name.</summary>
public enum OutboxKind
{
    Contact,
    DeferClosure,
    NotifyDesk,
    AlertSupervisor,
}
