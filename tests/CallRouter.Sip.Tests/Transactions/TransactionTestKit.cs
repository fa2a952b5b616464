using System.Net;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;
using CallRouter.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Sip.Tests.Transactions;

/// <summary>A transaction layer on a fake clock with a recording sender: no sockets, no sleeping.</summary>
internal sealed class TransactionTestKit : ITransactionUser, IClientTransactionUser
{
    public static readonly SipEndPoint UdpPeer = new(TransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    public static readonly SipEndPoint TcpPeer = new(TransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 5070));

    public TransactionTestKit(int maxServerTransactions = 1000)
    {
        Layer = new TransactionLayer(Sender, Time, new TransactionLayerOptions { MaxServerTransactions = maxServerTransactions }, NullLogger.Instance);
        Layer.SetUser(this);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingSender Sender { get; } = new();

    public TransactionLayer Layer { get; }

    public List<ServerTransaction> Requests { get; } = [];

    public List<SipMessage> Acks { get; } = [];

    public List<SipMessage> StrayResponses { get; } = [];

    public List<SipMessage> Responses { get; } = [];

    public List<TransactionFailure> Failures { get; } = [];

    /// <summary>When set, new requests are answered with this status straight from OnRequest.</summary>
    public int? AutoRespond { get; set; }

    public static SipMessage Parse(string text)
    {
        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message);
        Assert.Equal(ParseStatus.Complete, result.Status);
        return message!;
    }

    public static SipMessage Request(string method, string branch = "z9hG4bKclient1", string? toTag = null, string fromTag = "f1", uint cseq = 1) => Parse(SipSamples.Lines(
        $"{method} sip:bob@127.0.0.1 SIP/2.0",
        $"Via: SIP/2.0/UDP 127.0.0.1:5070;branch={branch}",
        "Max-Forwards: 70",
        toTag is null ? "To: <sip:bob@127.0.0.1>" : $"To: <sip:bob@127.0.0.1>;tag={toTag}",
        $"From: <sip:alice@127.0.0.1>;tag={fromTag}",
        "Call-ID: call-1@127.0.0.1",
        $"CSeq: {cseq} {method}",
        "Content-Length: 0",
        "",
        ""));

    public static SipMessage ResponseTo(SipMessage request, int status, string toTag = "t1") =>
        SipResponses.Create(request, status, toTag: toTag).Build();

    public void Deliver(SipMessage message, SipEndPoint? from = null) =>
        Layer.Receive(new IncomingMessage(message, from ?? UdpPeer, new IPEndPoint(IPAddress.Loopback, 5060)));

    /// <summary>
    /// Moves the fake clock in 10 ms steps: a timer re-armed inside a callback is due relative to the
    /// time of that step, exactly as on a real clock (one big Advance would skip the chained firings).
    /// </summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(10);
        while (by > TimeSpan.Zero)
        {
            var next = by < step ? by : step;
            Time.Advance(next);
            by -= next;
        }
    }

    public void Advance(double milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));

    void ITransactionUser.OnRequest(ServerTransaction transaction)
    {
        Requests.Add(transaction);
        if (AutoRespond is int status) transaction.Respond(status, toTag: "t1");
    }

    void ITransactionUser.OnAck(IncomingMessage ack) => Acks.Add(ack.Message);

    void ITransactionUser.OnStrayResponse(IncomingMessage response) => StrayResponses.Add(response.Message);

    void IClientTransactionUser.OnResponse(ClientTransaction transaction, SipMessage response) => Responses.Add(response);

    void IClientTransactionUser.OnFailure(ClientTransaction transaction, TransactionFailure failure) => Failures.Add(failure);
}
