using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.UserAgent;

internal static partial class UserAgentLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "SIP stack started on {EndPoints}")]
    public static partial void Started(ILogger logger, string endPoints);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "SIP stack stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Refused INVITE from {Source} with 503: {Why} ({Refusals} refused so far)")]
    public static partial void Overloaded(ILogger logger, string source, string why, long refusals);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "INVITE handler failed; answering 500")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Incoming call {CallId} from {Source}")]
    public static partial void IncomingCall(ILogger logger, string callId, string source);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "No ACK for 2xx on call {CallId}; hanging up")]
    public static partial void NoAck(ILogger logger, string callId);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "REGISTER {Aor}: {Outcome}")]
    public static partial void Register(ILogger logger, string aor, string outcome);
}
