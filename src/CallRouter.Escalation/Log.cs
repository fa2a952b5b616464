using Microsoft.Extensions.Logging;

namespace CallRouter.Escalation;

/// <summary>Source-generated log messages of the escalation library; event ids 7000–7099 are reserved for it.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Escalation {EscalationId} of case {ProblemNumber} started on the {Path} path")]
    public static partial void EscalationStarted(ILogger logger, string escalationId, string problemNumber, string path);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Escalation {EscalationId}: contact {Contact} reached ({Reference})")]
    public static partial void ContactDelivered(ILogger logger, string escalationId, string contact, string reference);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: contact {Contact} failed, retry at {RetryAt:O}: {Error}")]
    public static partial void ContactFailed(ILogger logger, string escalationId, string contact, DateTimeOffset retryAt, string error);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: response timer for contact {ContactIndex} fired (due {DueAt:O})")]
    public static partial void TimerFired(ILogger logger, string escalationId, int contactIndex, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: {Kind} delivery failed, retry at {RetryAt:O}")]
    public static partial void OutboxFailed(ILogger logger, Exception exception, string escalationId, string kind, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Forwarding escalation event {EventId} to the case service failed; retried on the next heartbeat")]
    public static partial void ForwardFailed(ILogger logger, Exception exception, long eventId);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: page status query failed: {Error}")]
    public static partial void PollFailed(ILogger logger, string escalationId, string error);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "Escalation heartbeat failed; it runs again shortly")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Information, Message = "Escalation {EscalationId}: {Input} recorded, now {State}")]
    public static partial void InputApplied(ILogger logger, string escalationId, string input, string state);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Escalation {EscalationId}: state moved while timer {TimerId} fired; it is tried again on the next heartbeat")]
    public static partial void TimerConflict(ILogger logger, string escalationId, long timerId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Escalation {EscalationId}: call {CallReference} to {Contact} placed; its outcome is reported by the gateway")]
    public static partial void CallPlaced(ILogger logger, string escalationId, string contact, string callReference);
}
