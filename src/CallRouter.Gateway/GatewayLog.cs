using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway;

/// <summary>The gateway's log messages (event ids 5000–5099). Passwords, tokens and digests never appear.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Gateway started; SIP on {EndPoints}, routing core at {CoreAddress}")]
    public static partial void Started(ILogger logger, string endPoints, string coreAddress);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Gateway draining: {Calls} call(s) in progress, new calls get 503")]
    public static partial void Draining(ILogger logger, int calls);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Gateway stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Refused INVITE {CallId} from {Source}: not a configured switch peer")]
    public static partial void NotAPeer(ILogger logger, string callId, string source);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Logged in to the routing core as {Account} at {CoreAddress}")]
    public static partial void LoggedIn(ILogger logger, string account, string coreAddress);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Call {CallId}: model {Model}, severity {Severity}, problem {ProblemNumber}, queued at position {Position}")]
    public static partial void Queued(ILogger logger, string callId, string model, int severity, string problemNumber, int position);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Call {CallId} returned to the manufacturer ({Mode}): {Reason}")]
    public static partial void Returned(ILogger logger, string callId, string mode, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Call {CallId}: calling agent {AgentId} at {Contact}")]
    public static partial void CallingAgent(ILogger logger, string callId, string agentId, string contact);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Call {CallId}: agent {AgentId} leg failed with {Status}")]
    public static partial void AgentLegFailed(ILogger logger, string callId, string agentId, int status);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Call {CallId} bridged to agent {AgentId}")]
    public static partial void Bridged(ILogger logger, string callId, string agentId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Call {CallId} ended by {EndedBy} after {Waited} waiting and {Talked} talking")]
    public static partial void Ended(ILogger logger, string callId, string endedBy, TimeSpan waited, TimeSpan talked);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Call {CallId} abandoned after {Waited} on hold")]
    public static partial void Abandoned(ILogger logger, string callId, TimeSpan waited);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Call {CallId}: voice message saved to {Path}")]
    public static partial void VoicemailSaved(ILogger logger, string callId, string path);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Call {CallId}: the routing core refused it ({Status}: {Detail})")]
    public static partial void RegisterRefused(ILogger logger, string callId, string status, string detail);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Call {CallId}: could not report {Event} to the routing core")]
    public static partial void ReportFailed(ILogger logger, string callId, string @event, Exception exception);

    [LoggerMessage(EventId = 5024, Level = LogLevel.Warning, Message = "Call {CallId}: reporting {Event} to the routing core failed (attempt {Attempt}: {Reason}); trying again in {Pause}")]
    public static partial void ReportRetrying(ILogger logger, string callId, string @event, int attempt, TimeSpan pause, string reason);

    [LoggerMessage(EventId = 5025, Level = LogLevel.Information, Message = "Call {CallId}: media from the caller: {Received} packets received, {Lost} lost, jitter {JitterMs:F1} ms; {Sent} sent to the caller")]
    public static partial void CallerMedia(ILogger logger, string callId, long received, long lost, double jitterMs, long sent);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Error, Message = "Call {CallId}: call flow failed")]
    public static partial void FlowFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Information, Message = "Call {CallId} transferred to {Target}")]
    public static partial void Transferred(ILogger logger, string callId, string target);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Information, Message = "Call {CallId} recorded to {Path}")]
    public static partial void Recording(ILogger logger, string callId, string path);

    [LoggerMessage(EventId = 5019, Level = LogLevel.Critical, Message = "SIP gateway could not listen on {Addresses}; no calls will be taken (the routing core keeps running)")]
    public static partial void BindFailed(ILogger logger, string addresses, Exception exception);

    [LoggerMessage(EventId = 5018, Level = LogLevel.Warning, Message = "Call {CallId}: refused SDP offer: {Reason}")]
    public static partial void BadOffer(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Call {CallId}: the {Party} {Action} by re-INVITE")]
    public static partial void PeerHold(ILogger logger, string callId, string party, string action);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error, Message = "Call {CallId}: no media for the agent's leg ({Reason}); the call goes back to the queue")]
    public static partial void AgentLegUnavailable(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Call {CallId}: no media port for the caller's leg ({Reason}); refused with 503")]
    public static partial void CallerLegUnavailable(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Call {CallId}: the agent's phone refused the console's hold or resume ({Status})")]
    public static partial void ConsoleHoldRefused(ILogger logger, string callId, int status);
}
