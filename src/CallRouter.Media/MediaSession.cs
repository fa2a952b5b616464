using CallRouter.Media.Dtmf;
using CallRouter.Media.Recording;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Media;

/// <summary>
/// The media of one call leg, as the gateway sees it: negotiate with SDP, then play prompts,
/// collect digits, record, or bridge to another leg. Created by <see cref="MediaEngine"/>.
/// This file holds negotiation and the receive path; MediaSession.Actions.cs the operations.
/// </summary>
public sealed partial class MediaSession : IAsyncDisposable
{
    private readonly MediaEngine _engine;
    private readonly RtpSession _rtp;
    private readonly TelephoneEventReceiver _events = new();
    private readonly DigitCollector _collector;
    private readonly Lock _lock = new();
    private NegotiatedMedia? _media;
    private SdpOrigin? _origin;
    private SessionDescription? _pendingOffer;
    private MediaDirection _localIntent = MediaDirection.SendRecv;
    private MediaBridge? _bridge;
    private RecorderTap? _recorder;
    private bool _started;
    private bool _disposed;

    internal MediaSession(MediaEngine engine, IRtpTransport rtp, IRtpTransport? rtcp, RtpSessionOptions? rtpOptions)
    {
        _engine = engine;
        _rtp = new RtpSession(rtp, rtcp, engine.Time, rtpOptions);
        _rtp.PacketReceived = OnPacket;
        _collector = new DigitCollector(engine.Time);
        _events.DigitReceived += OnDigit;
        LocalPort = rtp.LocalEndPoint.Port;
    }

    /// <summary>Raised for every digit the caller presses, from RFC 4733 events or SIP INFO.</summary>
    public event Action<char>? DigitReceived;

    /// <summary>The RTP port written into our SDP.</summary>
    public int LocalPort { get; }

    /// <summary>The current negotiated codec, peer address and direction; null before offer/answer completes.</summary>
    public NegotiatedMedia? Media => Volatile.Read(ref _media);

    /// <summary>Our latest SDP (offer or answer), for the SIP layer to put in a message body.</summary>
    public SessionDescription? LocalDescription { get; private set; }

    public RtpStatistics Statistics => _rtp.GetStatistics();

    public MediaBridge? Bridge => Volatile.Read(ref _bridge);

    internal RtpSession Rtp => _rtp;

    internal MediaEngine Engine => _engine;

    /// <summary>
    /// UAS side (INVITE or re-INVITE with SDP): answers the offer and starts media. On refusal the
    /// result carries 488 and the reason for the SIP response; the session is unchanged.
    /// </summary>
    public OfferAnswerResult AcceptOffer(SessionDescription offer)
    {
        lock (_lock)
        {
            var result = SdpNegotiator.Answer(offer, _engine.Capabilities, LocalPort, _localIntent, _origin);
            if (result.IsAccepted)
            {
                Apply(result.Answer!, result.Media!);
            }

            return result;
        }
    }

    /// <summary>UAC side: our offer for an outgoing INVITE. Follow with <see cref="AcceptAnswer"/>.</summary>
    public SessionDescription CreateOffer()
    {
        lock (_lock)
        {
            var offer = SdpNegotiator.CreateOffer(_engine.Capabilities, LocalPort, _localIntent, _origin);
            _origin = offer.Origin;
            _pendingOffer = offer;
            LocalDescription = offer;
            return offer;
        }
    }

    /// <summary>Applies the peer's answer to our last offer and starts media.</summary>
    public OfferAnswerResult AcceptAnswer(SessionDescription answer)
    {
        lock (_lock)
        {
            if (_pendingOffer is null)
            {
                throw new InvalidOperationException("No offer is outstanding on this session.");
            }

            var result = SdpNegotiator.ProcessAnswer(_pendingOffer, answer, _engine.Capabilities);
            if (result.IsAccepted)
            {
                _pendingOffer = null;
                Apply(LocalDescription!, result.Media!);
            }

            return result;
        }
    }

    /// <summary>Puts the peer on hold (RFC 3264 §8.4): a re-offer with sendonly. Send it in a re-INVITE, then <see cref="AcceptAnswer"/>.</summary>
    public SessionDescription Hold()
    {
        lock (_lock)
        {
            _localIntent = MediaDirection.SendOnly;
        }

        return CreateOffer();
    }

    /// <summary>Takes the peer off hold: a re-offer with sendrecv.</summary>
    public SessionDescription Resume()
    {
        lock (_lock)
        {
            _localIntent = MediaDirection.SendRecv;
        }

        return CreateOffer();
    }

    /// <summary>Feeds a SIP INFO body (the DTMF fallback). Returns false when it is not a DTMF body, so the SIP layer can answer 415.</summary>
    public bool HandleSipInfo(string? contentType, string body)
    {
        if (!DtmfRelayParser.TryParse(contentType, body, out var digit, out _))
        {
            return false;
        }

        OnDigit(digit);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (Volatile.Read(ref _bridge) is { } bridge)
        {
            bridge.Dispose();
        }

        // Stop the player first so its timer does not send on a closed socket.
        if (Volatile.Read(ref _playback) is { } playback)
        {
            try
            {
                await playback.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The playback finished and disposed its source meanwhile.
            }
        }

        StopRecording();
        _collector.Dispose();
        await _rtp.DisposeAsync().ConfigureAwait(false);
    }

    internal void AttachBridge(MediaBridge? bridge) => Volatile.Write(ref _bridge, bridge);

    internal void OnDigitFromBridge(char digit) => OnDigit(digit);

    // Called under _lock.
    private void Apply(SessionDescription local, NegotiatedMedia media)
    {
        _origin = local.Origin;
        LocalDescription = local;
        Volatile.Write(ref _media, media);
        var accepted = new List<byte> { (byte)media.Codec.PayloadType };
        if (media.TelephoneEventPayloadType is { } te)
        {
            accepted.Add((byte)te);
        }

        _rtp.Configure(media.RemoteEndPoint, accepted);
        if (!_started)
        {
            _started = true;
            _rtp.Start();
        }
    }

    private void OnPacket(in RtpPacket packet)
    {
        var media = Volatile.Read(ref _media);
        if (media is null || !media.Direction.CanReceive())
        {
            return;
        }

        var header = packet.Header;
        var bridge = Volatile.Read(ref _bridge);
        if (header.PayloadType == media.TelephoneEventPayloadType)
        {
            if (bridge is null || !bridge.TryRelayEvent(this, in packet))
            {
                _events.Process(header.Timestamp, header.Marker, packet.Payload);
            }

            return;
        }

        Volatile.Read(ref _recorder)?.Write(inbound: true, header.Ssrc, header.Timestamp, media.Codec.Law, packet.Payload);
        bridge?.RelayAudio(this, in packet);
    }

    private void OnDigit(char digit)
    {
        _collector.Add(digit);
        DigitReceived?.Invoke(digit);
    }

    /// <summary>Where a recording attached to this session writes each direction.</summary>
    private sealed class RecorderTap(CallRecorder recorder, RecordingChannel inbound, RecordingChannel? outbound)
    {
        public CallRecorder Recorder { get; } = recorder;

        public void Write(bool inbound, uint ssrc, uint timestamp, Codecs.G711Law law, ReadOnlySpan<byte> payload)
        {
            var channel = inbound ? _inbound : _outbound;
            if (channel is { } target)
            {
                Recorder.Write(target, ssrc, timestamp, law, payload);
            }
        }

        private readonly RecordingChannel _inbound = inbound;
        private readonly RecordingChannel? _outbound = outbound;
    }
}
