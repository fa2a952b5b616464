using System.Net;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Tests.Transactions;

/// <summary>Stands in for the transports: remembers what was sent and can be told to fail.</summary>
internal sealed class RecordingSender : IMessageSender
{
    public List<(SipMessage Message, SipEndPoint To)> Sent { get; } = [];

    public bool FailSends { get; set; }

    public IEnumerable<SipMessage> Requests(string method) => Sent.Select(s => s.Message).Where(m => m.IsRequest && m.MethodName == method);

    public IEnumerable<SipMessage> Responses(int status) => Sent.Select(s => s.Message).Where(m => m.IsResponse && m.StatusCode == status);

    public ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        Sent.Add((message, destination));
        return ValueTask.FromResult(!FailSends);
    }

    public ValueTask<bool> SendResponseAsync(SipMessage response, SipEndPoint requestSource, CancellationToken cancellationToken = default)
    {
        Sent.Add((response, requestSource));
        return ValueTask.FromResult(!FailSends);
    }

    public SipEndPoint GetLocalEndPoint(TransportProtocol protocol, IPAddress destination) =>
        new(protocol, new IPEndPoint(IPAddress.Loopback, 5060));
}
