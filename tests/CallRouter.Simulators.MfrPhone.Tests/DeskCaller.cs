using System.Net;
using System.Text;
using CallRouter.Media;
using CallRouter.Media.Sdp;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Simulators.MfrPhone.Tests;

/// <summary>The desk's side for these tests: a UAC from the product's SIP stack with a media leg, calling the simulator.</summary>
internal sealed class DeskCaller : IAsyncDisposable
{
    private readonly SipStack _sip;

    private DeskCaller(SipStack sip, MediaEngine media)
    {
        _sip = sip;
        Media = media;
    }

    public MediaEngine Media { get; }

    public static async Task<DeskCaller> StartAsync()
    {
        var sip = new SipStack(new SipStackOptions { ListenAddresses = ["127.0.0.1:0"], EnableTcp = false });
        var (rtpStart, rtpEnd) = CallRouter.Testing.LoopbackPorts.FreeUdpBlock(200, 10000, 15000);
        var media = new MediaEngine(new MediaEngineOptions { BindAddress = IPAddress.Loopback, PortRangeStart = rtpStart, PortRangeEnd = rtpEnd }, TimeProvider.System);
        await sip.StartAsync();
        return new DeskCaller(sip, media);
    }

    /// <summary>INVITEs the simulator with an SDP offer from <paramref name="leg"/> and the escalation headers.</summary>
    public OutgoingCall Call(int port, MediaSession leg) =>
        _sip.Call(new OutgoingCallOptions(SipUri.Parse($"sip:mfr-ts@127.0.0.1:{port}"), new SipEndPoint(TransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, port)))
        {
            Sdp = Encoding.ASCII.GetBytes(leg.CreateOffer().ToString()),
            Headers = [new("X-NS-Problem", "1000-0042"), new("X-CallRouter-Escalation", "1000-0042-E1")],
        });

    /// <summary>Accepts the answer's SDP on the leg; false when it is unusable.</summary>
    public static bool AcceptAnswer(OutgoingCall call, MediaSession leg) =>
        SdpParser.TryParse(call.AnswerSdp.Span, out var answer, out _) && leg.AcceptAnswer(answer).IsAccepted;

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _sip.StopAsync(limit.Token);
    }
}
