using System.Collections.Concurrent;

namespace CallRouter.Simulators.Storm.Reporting;

/// <summary>What the simulated agents saw, counted from many threads at once.</summary>
public sealed class AgentTally
{
    private readonly ConcurrentQueue<double> _timeToAgentMs = new();
    private readonly ConcurrentDictionary<string, byte> _answeredCalls = new(StringComparer.Ordinal);
    private long _offers;
    private long _accepted;
    private long _rejectedCommands;
    private long _legsAnswered;
    private long _legsBusy;
    private long _legsNoAnswer;
    private long _legsFailed;
    private long _bridgedNow;
    private long _bridgedMax;
    private long _rtpSent;
    private long _rtpReceived;
    private long _rtpLost;
    private long _rtpLostReported;
    private long _callsWithGatewayReport;
    private long _withinServiceLevel;

    public long Offers => Interlocked.Read(ref _offers);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long RejectedCommands => Interlocked.Read(ref _rejectedCommands);
    public long LegsAnswered => Interlocked.Read(ref _legsAnswered);
    public long LegsBusy => Interlocked.Read(ref _legsBusy);
    public long LegsNoAnswer => Interlocked.Read(ref _legsNoAnswer);
    public long LegsFailed => Interlocked.Read(ref _legsFailed);
    public long BridgedNow => Interlocked.Read(ref _bridgedNow);
    public long BridgedMax => Interlocked.Read(ref _bridgedMax);
    public long RtpSent => Interlocked.Read(ref _rtpSent);
    public long RtpReceived => Interlocked.Read(ref _rtpReceived);
    public long RtpLost => Interlocked.Read(ref _rtpLost);

    /// <summary>Packets of the agents' streams the gateway reported lost in its last RTCP receiver report of each call.</summary>
    public long RtpLostReportedByGateway => Interlocked.Read(ref _rtpLostReported);

    /// <summary>Bridged calls whose softphone received at least one RTCP report from the gateway.</summary>
    public long CallsWithGatewayReport => Interlocked.Read(ref _callsWithGatewayReport);
    public long WithinServiceLevel => Interlocked.Read(ref _withinServiceLevel);

    /// <summary>Distinct calls (core call ids) that reached an agent and were bridged.</summary>
    public int CallsAnswered => _answeredCalls.Count;

    public IReadOnlyCollection<double> TimeToAgentMs => _timeToAgentMs;

    public void Offered() => Interlocked.Increment(ref _offers);

    public void AcceptedOffer() => Interlocked.Increment(ref _accepted);

    public void CommandRejected() => Interlocked.Increment(ref _rejectedCommands);

    public void LegBusy() => Interlocked.Increment(ref _legsBusy);

    public void LegNotAnswered() => Interlocked.Increment(ref _legsNoAnswer);

    public void LegFailed() => Interlocked.Increment(ref _legsFailed);

    /// <summary>An agent answered and the call is bridged; <paramref name="timeToAgent"/> is from the caller's INVITE, when known.</summary>
    public void Bridged(string callId, TimeSpan? timeToAgent, TimeSpan serviceLevel)
    {
        Interlocked.Increment(ref _legsAnswered);
        _answeredCalls.TryAdd(callId, 0);
        if (timeToAgent is { } wait)
        {
            _timeToAgentMs.Enqueue(wait.TotalMilliseconds);
            if (wait <= serviceLevel) Interlocked.Increment(ref _withinServiceLevel);
        }

        long now = Interlocked.Increment(ref _bridgedNow);
        long max = Interlocked.Read(ref _bridgedMax);
        while (now > max)
        {
            long seen = Interlocked.CompareExchange(ref _bridgedMax, now, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>A bridged call ended; its RTP figures as the agent's softphone measured them.</summary>
    public void Unbridged(long packetsSent, long packetsReceived, long packetsLost, long? lostReportedByPeer)
    {
        if (lostReportedByPeer is { } reported)
        {
            Interlocked.Increment(ref _callsWithGatewayReport);
            Interlocked.Add(ref _rtpLostReported, Math.Max(0, reported));
        }

        Interlocked.Decrement(ref _bridgedNow);
        Interlocked.Add(ref _rtpSent, packetsSent);
        Interlocked.Add(ref _rtpReceived, packetsReceived);
        Interlocked.Add(ref _rtpLost, Math.Max(0, packetsLost));
    }
}
