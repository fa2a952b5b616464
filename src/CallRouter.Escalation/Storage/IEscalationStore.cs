using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Storage;

/// <summary>
/// Durable state of escalations: the escalations, their timers, the outbox and the event log,
/// written together by <see cref="CommitAsync"/>. SQLite is the first implementation.
/// </summary>
public interface IEscalationStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Writes a transition atomically.</summary>
    /// <exception cref="EscalationException">Code Conflict: the version moved or the timer already fired; nothing was written.</exception>
    Task CommitAsync(EscalationCommit commit, CancellationToken cancellationToken);

    Task<EscalationRecord?> GetAsync(string escalationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationRecord>> ListForCaseAsync(string problemNumber, CancellationToken cancellationToken);

    /// <summary>Escalations still awaiting a response or engaged with Mfr TS.</summary>
    Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Pending timers due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<EscalationTimer>> ListDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationTimer>> ListPendingTimersAsync(string escalationId, CancellationToken cancellationToken);

    /// <summary>Marks a timer fired without a state change (its escalation was gone or had moved on).</summary>
    Task<bool> MarkTimerFiredAsync(long timerId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxItem>> ListDueOutboxAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task CompleteOutboxAsync(long itemId, DateTimeOffset now, CancellationToken cancellationToken);

    Task RescheduleOutboxAsync(long itemId, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a pending item's next attempt without counting a failure: an in-hours call handed to
    /// the gateway waits here for its outcome, and is tried again at <paramref name="nextAttemptAt"/>
    /// only if no outcome ever comes (the gateway or the server stopped meanwhile).
    /// </summary>
    Task PostponeOutboxAsync(long itemId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationEvent>> ListEventsAsync(string escalationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationEvent>> ListUnforwardedEventsAsync(int limit, CancellationToken cancellationToken);

    Task MarkEventForwardedAsync(long eventId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The earliest instant anything stored needs attention: a pending timer or an outbox retry.</summary>
    Task<DateTimeOffset?> NextWakeAsync(CancellationToken cancellationToken);
}
