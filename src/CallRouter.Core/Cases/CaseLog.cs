using Microsoft.Extensions.Logging;

namespace CallRouter.Core.Cases;

/// <summary>Source-generated logs of the case wiring; event ids 3000-3099.</summary>
internal static partial class CaseLog
{
    [LoggerMessage(3000, LogLevel.Information, "Case store ready: {Store}")]
    public static partial void StoreReady(ILogger logger, string store);

    [LoggerMessage(3001, LogLevel.Error, "Could not log call {CallId} on case {ProblemNumber}")]
    public static partial void CallLogFailed(ILogger logger, string callId, string problemNumber, Exception exception);

    [LoggerMessage(3002, LogLevel.Warning, "Wrap-up of call {CallId}: no case found for the call")]
    public static partial void WrapUpWithoutCase(ILogger logger, string callId);

    [LoggerMessage(3003, LogLevel.Warning, "Wrap-up of call {CallId} left case {ProblemNumber} in {State}: {Reason}")]
    public static partial void WrapUpTransitionRefused(ILogger logger, string callId, string problemNumber, string state, string reason);

    [LoggerMessage(3004, LogLevel.Error, "Case heartbeat failed; retrying after {Delay}")]
    public static partial void HeartbeatFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(3005, LogLevel.Information, "Update due on case {ProblemNumber} (severity {Severity}, due {DueAt:O})")]
    public static partial void ReminderRaised(ILogger logger, string problemNumber, int severity, DateTimeOffset dueAt);

    [LoggerMessage(3007, LogLevel.Warning, "Wrap-up of call {CallId}: escalation of case {ProblemNumber} refused: {Reason}")]
    public static partial void WrapUpEscalationRefused(ILogger logger, string callId, string problemNumber, string reason);

    [LoggerMessage(3006, LogLevel.Error, "Wrap-up of call {CallId} could not update its case")]
    public static partial void WrapUpFailed(ILogger logger, string callId, Exception exception);
}
