using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Storage;

/// <summary>
/// Work for the outside world decided by a committed transition; kept until done, retried with
/// back-off on failure, so no contact or notice is lost to a crash or a channel error.
/// </summary>
public sealed record OutboxItem(
    long Id,
    string EscalationId,
    string ProblemNumber,
    OutboxKind Kind,
    int ContactIndex,
    EscalationContact? Contact,
    string Message,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError);
