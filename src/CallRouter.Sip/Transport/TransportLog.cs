using System.Net;
using CallRouter.Sip.Message;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transport;

internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "SIP listening on {Protocol} {EndPoint}")]
    public static partial void Listening(ILogger logger, TransportProtocol protocol, IPEndPoint endPoint);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Refused message from {Remote}: {Error}; first bytes: {Excerpt}")]
    public static partial void Refused(ILogger logger, SipEndPoint remote, SipParseError error, string excerpt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Receive queue full; dropped a datagram from {Remote} ({Dropped} dropped so far)")]
    public static partial void QueueFull(ILogger logger, SipEndPoint remote, long dropped);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Send to {Remote} failed")]
    public static partial void SendFailed(ILogger logger, SipEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "TCP connection {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Refused TCP connection from {Remote}: connection limit reached")]
    public static partial void ConnectionLimit(ILogger logger, IPEndPoint? remote);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Receive loop on {EndPoint} failed")]
    public static partial void ReceiveLoopFailed(ILogger logger, IPEndPoint endPoint, Exception exception);

    /// <summary>Offending bytes are logged escaped and cut short so a log line can never carry a whole hostile payload.</summary>
    public static string Excerpt(ReadOnlySpan<byte> bytes)
    {
        var builder = new System.Text.StringBuilder(80);
        foreach (byte b in bytes[..Math.Min(bytes.Length, 64)])
        {
            if (b is >= 0x20 and < 0x7F) builder.Append((char)b);
            else builder.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return bytes.Length > 64 ? builder.Append('…').ToString() : builder.ToString();
    }
}
