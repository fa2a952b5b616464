using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>Log messages of the in-hours escalation call (event ids 5100–5119). Tokens and passwords never appear.</summary>
internal static partial class ManufacturerPhoneLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Escalation {EscalationId}: calling Mfr TS {Number} at {Target} about case {ProblemNumber}")]
    public static partial void Calling(ILogger logger, string escalationId, string number, string target, string problemNumber);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: call to Mfr TS not placed: {Reason}")]
    public static partial void NotPlaced(ILogger logger, string escalationId, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: call {CallId} to Mfr TS {Number} failed with {Status}: {Reason}")]
    public static partial void CallFailed(ILogger logger, string escalationId, string callId, string number, int status, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Escalation {EscalationId}: call {CallId} answered by Mfr TS {Number}")]
    public static partial void Answered(ILogger logger, string escalationId, string callId, string number);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Escalation {EscalationId}: call {CallId} ended {Outcome}")]
    public static partial void DialogueEnded(ILogger logger, string escalationId, string callId, AcknowledgementOutcome outcome);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Escalation {EscalationId}: {What} recorded ({Detail})")]
    public static partial void ResponseRecorded(ILogger logger, string escalationId, string what, string detail);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Escalation {EscalationId}: {What} not recorded, attempt {Attempt}: {Detail}")]
    public static partial void ResponseNotRecorded(ILogger logger, string escalationId, string what, int attempt, string detail);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "Escalation {EscalationId}: call {CallId} to Mfr TS broke off")]
    public static partial void DialogueFailed(ILogger logger, Exception exception, string escalationId, string callId);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Information, Message = "Logged in to the escalation service as {Account} at {CoreAddress}")]
    public static partial void LoggedIn(ILogger logger, string account, string coreAddress);
}
