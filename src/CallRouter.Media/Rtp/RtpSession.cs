using System.Net;

namespace CallRouter.Media.Rtp;

/// <summary>
/// One RTP stream pair (send and receive) with its RTCP: sequence numbers, SSRC and a media
/// clock for what we send; symmetric-RTP latching, statistics and payload-type filtering for
/// what we receive. Transport-agnostic: <see cref="ProcessRtp"/> and <see cref="ProcessRtcp"/>
/// are the receive entry points, called by <see cref="Start"/>'s loops, by a push transport's
/// receive thread (the Linux epoll path), or directly by tests.
/// RTCP reporting is in RtpSession.Rtcp.cs.
/// </summary>
public sealed partial class RtpSession : IAsyncDisposable
{
    private const long NtpEpochOffsetSeconds = 2_208_988_800; // 1900-01-01 to 1970-01-01

    private readonly IRtpTransport _rtp;
    private readonly IRtpTransport? _rtcp;
    private readonly TimeProvider _time;
    private readonly RtpSessionOptions _options;
    private readonly Lock _sendLock = new();
    private readonly Lock _receiveLock = new();
    private readonly byte[] _sendBuffer = new byte[1500];
    private readonly long _clockStart;
    private readonly uint _timestampBase;
    private readonly CancellationTokenSource _stop = new();
    private RtpReceiveStatistics _receive;
    private HashSet<byte> _acceptedPayloadTypes = [];
    private IPEndPoint? _remoteRtp;
    private IPEndPoint? _remoteRtcp;
    private bool _latched;
    private long _lastFromRemote;
    private uint? _remoteSsrc;
    private ushort _sequence;
    private long _packetsSent;
    private uint _lastTimestamp;
    private bool _hasSent;
    private long _octetsSent;
    private long _unexpectedSource;
    private long _handlerErrors;
    private long _malformed;
    private RtcpReportBlock? _remoteReportAboutUs;
    private uint _lastSenderReportCompact;
    private long _lastSenderReportArrival;
    private ITimer? _rtcpTimer;
    private Task _loops = Task.CompletedTask;

    public RtpSession(IRtpTransport rtp, IRtpTransport? rtcp, TimeProvider time, RtpSessionOptions? options = null)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        _time = time;
        _options = options ?? new RtpSessionOptions();
        _receive = new RtpReceiveStatistics(_options.ClockRate);
        Ssrc = _options.Ssrc ?? (uint)Random.Shared.Next();
        // Random initial sequence and timestamp (RFC 3550 §5.1) make known-plaintext attacks harder.
        _sequence = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        _timestampBase = (uint)Random.Shared.Next();
        _clockStart = time.GetTimestamp();
    }

    public uint Ssrc { get; }

    /// <summary>Packets whose handling threw (the exception is swallowed to keep media flowing).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Received datagrams dropped because they are not RTP (or RTCP on the RTCP port): too short, wrong version, bad lengths.</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformed);

    public IPEndPoint LocalEndPoint => _rtp.LocalEndPoint;

    /// <summary>Where RTP is sent: the SDP address until a packet arrives, then the address packets really come from.</summary>
    public IPEndPoint? RemoteEndPoint
    {
        get
        {
            lock (_receiveLock)
            {
                return _remoteRtp;
            }
        }
    }

    public bool IsLatched
    {
        get
        {
            lock (_receiveLock)
            {
                return _latched;
            }
        }
    }

    /// <summary>Called for every accepted packet, on the receiving thread.</summary>
    public RtpPacketHandler? PacketReceived { get; set; }

    /// <summary>Raised when the peer sends RTCP BYE.</summary>
    public event Action? ByeReceived;

    /// <summary>Points the stream at an address from SDP and only accepts the given payload types. Latching starts over.</summary>
    public void Configure(IPEndPoint remoteRtp, IReadOnlyCollection<byte> acceptedPayloadTypes)
    {
        lock (_receiveLock)
        {
            _remoteRtp = remoteRtp;
            _remoteRtcp = new IPEndPoint(remoteRtp.Address, remoteRtp.Port + 1);
            _latched = false;
            _acceptedPayloadTypes = [.. acceptedPayloadTypes];
        }
    }

    /// <summary>The media clock now, in RTP timestamp units: what the timestamp of a packet sent now should be.</summary>
    public uint CurrentTimestamp()
    {
        var elapsed = _time.GetElapsedTime(_clockStart);
        return unchecked(_timestampBase + (uint)(long)(elapsed.TotalSeconds * _options.ClockRate));
    }

    /// <summary>
    /// The timestamp a new talkspurt should start at: the media clock now, but never inside the
    /// packet sent last (which covers <paramref name="samplesPerPacket"/> from its timestamp), so a
    /// prompt followed at once by bridged audio keeps timestamps strictly increasing.
    /// </summary>
    public uint NextTimestamp(int samplesPerPacket)
    {
        var now = CurrentTimestamp();
        lock (_sendLock)
        {
            if (!_hasSent)
            {
                return now;
            }

            var earliest = unchecked(_lastTimestamp + (uint)samplesPerPacket);
            return unchecked((int)(now - earliest)) >= 0 ? now : earliest;
        }
    }

    /// <summary>
    /// Sends one packet with the next sequence number. A relay passes <paramref name="sequenceAdvance"/> &gt; 1
    /// to reproduce a gap it saw upstream, so the far end still detects the loss. Nothing is sent before
    /// a remote address is known.
    /// </summary>
    public void Send(byte payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload, ushort sequenceAdvance = 1)
    {
        var destination = RemoteEndPoint;
        if (destination is null)
        {
            return;
        }

        lock (_sendLock)
        {
            _sequence = unchecked((ushort)(_sequence + sequenceAdvance - 1));
            var header = new RtpHeader(marker, payloadType, _sequence++, timestamp, Ssrc);
            var length = RtpPacket.Write(_sendBuffer, header, payload);
            _rtp.Send(_sendBuffer.AsSpan(0, length), destination);
            _packetsSent++;
            _octetsSent += payload.Length;
            if (!_hasSent || unchecked((int)(timestamp - _lastTimestamp)) > 0)
            {
                _lastTimestamp = timestamp;
            }

            _hasSent = true;
        }
    }

    /// <summary>Handles one received RTP datagram: filter, latch, count, deliver.</summary>
    public void ProcessRtp(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (!RtpPacket.TryParse(datagram, out var packet))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        var header = packet.Header;
        lock (_receiveLock)
        {
            if (!_acceptedPayloadTypes.Contains(header.PayloadType) || !AcceptSource(source))
            {
                return;
            }

            if (_remoteSsrc != header.Ssrc)
            {
                // A new source (re-INVITE, media server switch): its sequence space starts afresh.
                _remoteSsrc = header.Ssrc;
                _receive = new RtpReceiveStatistics(_options.ClockRate);
            }

            var arrival = _time.GetElapsedTime(_clockStart).TotalSeconds;
            _receive.Update(header.SequenceNumber, header.Timestamp, arrival);
        }

        PacketReceived?.Invoke(in packet);
    }

    public RtpStatistics GetStatistics()
    {
        lock (_receiveLock)
        {
            var expected = _receive.PacketsExpected;
            var lost = _receive.PacketsLost;
            return new RtpStatistics(
                Interlocked.Read(ref _packetsSent),
                Interlocked.Read(ref _octetsSent),
                _receive.PacketsReceived,
                lost,
                expected == 0 ? 0 : Math.Max(0, (double)lost / expected),
                _receive.JitterMilliseconds,
                _unexpectedSource,
                _remoteReportAboutUs?.FractionLostRatio,
                _remoteReportAboutUs is { } r ? r.Jitter * 1000.0 / _options.ClockRate : null,
                _remoteReportAboutUs?.CumulativeLost);
        }
    }

    /// <summary>Starts the receive loops and the RTCP report timer.</summary>
    public void Start()
    {
        var token = _stop.Token;
        var rtpLoop = StartReceiving(_rtp, isRtcp: false, token);
        var rtcpLoop = _rtcp is null ? Task.CompletedTask : StartReceiving(_rtcp, isRtcp: true, token);
        _loops = Task.WhenAll(rtpLoop, rtcpLoop);
        if (_rtcp is not null)
        {
            _rtcpTimer = _time.CreateTimer(_ => SendRtcpReport(bye: false), null, _options.RtcpInterval, _options.RtcpInterval);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _rtcpTimer?.Dispose();
        SendRtcpReport(bye: true);
        await _stop.CancelAsync().ConfigureAwait(false);
        _rtp.Dispose();
        _rtcp?.Dispose();
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the loops end by cancellation.
        }

        _stop.Dispose();
    }

    private bool AcceptSource(IPEndPoint source)
    {
        var now = _time.GetTimestamp();
        if (_latched && source.Equals(_remoteRtp))
        {
            _lastFromRemote = now;
            return true;
        }

        if (!_latched || _time.GetElapsedTime(_lastFromRemote, now) >= _options.RelatchAfterSilence)
        {
            // Symmetric RTP (RFC 4961): send back to where packets really come from, which behind a NAT is not the SDP address.
            _remoteRtp = source;
            _remoteRtcp = new IPEndPoint(source.Address, source.Port + 1);
            _latched = true;
            _lastFromRemote = now;
            return true;
        }

        _unexpectedSource++;
        return false;
    }

    /// <summary>
    /// A push transport (the Linux epoll path) calls us from its receive thread; any other gets an
    /// awaiting loop. Either way the task ends once nothing more will be delivered.
    /// </summary>
    private Task StartReceiving(IRtpTransport transport, bool isRtcp, CancellationToken cancellationToken)
    {
        if (transport is not IPushRtpTransport push)
        {
            return ReceiveLoopAsync(transport, isRtcp, cancellationToken);
        }

        return push.StartReceiving(isRtcp ? HandleRtcpDatagram : HandleRtpDatagram);
    }

    private void HandleRtpDatagram(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        try
        {
            ProcessRtp(datagram, source);
        }
        catch (Exception)
        {
            // Same rule as the receive loop: a failing consumer must not stop the call's media.
            Interlocked.Increment(ref _handlerErrors);
        }
    }

    private void HandleRtcpDatagram(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        try
        {
            ProcessRtcp(datagram, source);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _handlerErrors);
        }
    }

    private async Task ReceiveLoopAsync(IRtpTransport transport, bool isRtcp, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            ReceivedDatagram datagram;
            try
            {
                datagram = await transport.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                if (isRtcp)
                {
                    ProcessRtcp(buffer.AsSpan(0, datagram.Length), datagram.Source);
                }
                else
                {
                    ProcessRtp(buffer.AsSpan(0, datagram.Length), datagram.Source);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing consumer (e.g. a recorder whose disk is full) must not stop the call's media.
                Interlocked.Increment(ref _handlerErrors);
            }
        }
    }
}
