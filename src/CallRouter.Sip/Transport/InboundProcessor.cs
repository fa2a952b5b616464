using System.Net;
using CallRouter.Sip.Message;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transport;

/// <summary>
/// The receive edge shared by every transport: turns one parsed or refused message into either an
/// <see cref="IncomingMessage"/> for the layer above or a stateless error response.
/// </summary>
internal sealed class InboundProcessor
{
    private readonly ILogger _logger;

    public InboundProcessor(ILogger logger) => _logger = logger;

    /// <summary>Returns the message to deliver, or null; <paramref name="reply"/> is set when an error response must go back.</summary>
    public IncomingMessage? Accept(SipMessage message, SipEndPoint remote, IPEndPoint local, out byte[]? reply)
    {
        reply = null;
        if (message.IsResponse)
        {
            return new IncomingMessage(message, remote, local);
        }

        try
        {
            return new IncomingMessage(ViaStamping.Stamp(message, remote.Address), remote, local);
        }
        catch (FormatException)
        {
            reply = Refuse(message.Raw.Span, SipParseError.InvalidVia, remote);
            return null;
        }
    }

    public byte[]? Refuse(ReadOnlySpan<byte> bytes, SipParseError error, SipEndPoint remote)
    {
        TransportLog.Refused(_logger, remote, error, TransportLog.Excerpt(bytes));
        return RejectionResponder.TryBuild(bytes, error);
    }
}
