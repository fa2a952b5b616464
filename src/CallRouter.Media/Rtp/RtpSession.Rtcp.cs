using System.Net;

namespace CallRouter.Media.Rtp;

/// <summary>RTCP of an <see cref="RtpSession"/>: reading the peer's reports and writing ours (RFC 3550 §6).</summary>
public sealed partial class RtpSession
{
    /// <summary>Handles one received RTCP datagram: remembers the peer's view of our stream and its SR time.</summary>
    public void ProcessRtcp(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (!RtcpCompoundPacket.TryParse(datagram, out var compound))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        var bye = false;
        lock (_receiveLock)
        {
            if (_remoteRtp is not null && !source.Address.Equals(_remoteRtp.Address))
            {
                return;
            }

            _remoteRtcp = source; // symmetric RTCP: answer where reports come from
            foreach (var report in compound.Reports)
            {
                if (report.SenderInfo is { } info)
                {
                    _lastSenderReportCompact = info.CompactNtp;
                    _lastSenderReportArrival = _time.GetTimestamp();
                }

                foreach (var block in report.Blocks)
                {
                    if (block.Ssrc == Ssrc)
                    {
                        _remoteReportAboutUs = block;
                    }
                }
            }

            bye = compound.HasBye;
        }

        if (bye)
        {
            ByeReceived?.Invoke();
        }
    }

    /// <summary>Builds our next RTCP compound packet (SR if we have sent, else RR) into <paramref name="destination"/>.</summary>
    public int WriteRtcpReport(Span<byte> destination, bool bye = false)
    {
        RtcpReportBlock? block = null;
        lock (_receiveLock)
        {
            if (_remoteSsrc is { } remote)
            {
                var dlsr = _lastSenderReportArrival == 0
                    ? 0u
                    : (uint)(_time.GetElapsedTime(_lastSenderReportArrival).TotalSeconds * 65536);
                block = _receive.CreateReportBlock(remote, _lastSenderReportCompact, dlsr);
            }
        }

        RtcpSenderInfo? senderInfo = null;
        lock (_sendLock)
        {
            if (_packetsSent > 0)
            {
                senderInfo = new RtcpSenderInfo(NtpNow(), CurrentTimestamp(), (uint)_packetsSent, (uint)_octetsSent);
            }
        }

        ReadOnlySpan<RtcpReportBlock> blocks = block is { } b ? [b] : [];
        return RtcpCompoundPacket.Write(destination, Ssrc, senderInfo, blocks, _options.CanonicalName, bye);
    }

    private void SendRtcpReport(bool bye)
    {
        IPEndPoint? destination;
        lock (_receiveLock)
        {
            destination = _remoteRtcp;
        }

        if (_rtcp is null || destination is null)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[512];
        var length = WriteRtcpReport(buffer, bye);
        _rtcp.Send(buffer[..length], destination);
    }

    private ulong NtpNow()
    {
        var unixTicks = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var seconds = (ulong)((unixTicks / 1000) + NtpEpochOffsetSeconds);
        var fraction = (ulong)(unixTicks % 1000) * 0x1_0000_0000UL / 1000;
        return (seconds << 32) | fraction;
    }
}
