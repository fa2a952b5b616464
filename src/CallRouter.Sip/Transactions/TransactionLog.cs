using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transactions;

internal static partial class TransactionLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Transaction table full ({Count}); refused {Method} with 503 ({Refusals} refused so far)")]
    public static partial void Overloaded(ILogger logger, int count, string method, long refusals);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Merged request {Method} (Call-ID hidden) refused with 482")]
    public static partial void Merged(ILogger logger, string method);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Handling an incoming message failed")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);
}
