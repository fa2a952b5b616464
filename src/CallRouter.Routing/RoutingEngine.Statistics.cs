using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Position and expected-wait estimates, today's counters and the statistics snapshot.</content>
public sealed partial class RoutingEngine
{
    private long _dayEndTicks;
    private DateOnly _day;
    private int _callsQueuedToday;
    private int _callsAnsweredToday;
    private int _callsAbandonedToday;
    private int _agentOffersToday;

    /// <summary>Live statistics: waiting per queue, longest wait, agents per state, today's counters.</summary>
    public RoutingStatistics GetStatistics()
    {
        var now = Now();
        ProcessDue(now);
        var queues = new List<QueueStatistics>(_queues.Length);
        var longest = 0L;
        foreach (var queue in _queues)
        {
            // The head is the oldest call of its queue (one severity: priority order is arrival order).
            var wait = queue.Head is { } head ? now - head.EnqueuedTicks : 0;
            longest = Math.Max(longest, wait);
            queues.Add(new QueueStatistics(queue.Model, queue.Severity, queue.Level, queue.Count, TimeSpan.FromTicks(wait)));
        }

        var byState = Enum.GetValues<AgentState>().ToDictionary(state => state, _ => 0);
        foreach (var agent in _agents.Values)
        {
            byState[agent.State]++;
        }

        return new RoutingStatistics(
            At(now),
            _day,
            queues,
            TimeSpan.FromTicks(longest),
            byState,
            _callsQueuedToday,
            _callsAnsweredToday,
            _callsAbandonedToday,
            _agentOffersToday,
            TimeSpan.FromTicks((long)_averageHandleTicks));
    }

    /// <summary>
    /// 1-based position among waiting calls competing for the same specialists (same model and level): every
    /// call ahead in the total order, whatever its severity.
    /// </summary>
    private int Position(CallEntry call)
    {
        var position = 1;
        for (var severity = 1; severity <= SeverityCount; severity++)
        {
            var queue = _queues[QueueIndex(call.Model, severity, call.Level)];
            position += ReferenceEquals(queue, call.Queue) ? CountAheadInOwnQueue(queue, call) : CountAhead(queue, call);
        }

        return position;
    }

    /// <summary>
    /// <see cref="Position"/> for a call that has just arrived (the newest of its queue): amortised O(1) through
    /// the queues' newcomer boundaries instead of walking the calls ahead.
    /// </summary>
    private int PositionOfNewcomer(CallEntry call)
    {
        var position = call.Queue.Count;
        for (var severity = 1; severity <= SeverityCount; severity++)
        {
            var queue = _queues[QueueIndex(call.Model, severity, call.Level)];
            if (!ReferenceEquals(queue, call.Queue))
            {
                position += queue.CountAheadOfNewcomer(call.Severity, call.Key);
            }
        }

        return position;
    }

    private static int CountAheadInOwnQueue(CallQueue queue, CallEntry call)
    {
        if (ReferenceEquals(queue.Head, call))
        {
            return 0;
        }

        if (ReferenceEquals(queue.Tail, call))
        {
            return queue.Count - 1;
        }

        var count = 0;
        for (var c = queue.Head; c is not null && !ReferenceEquals(c, call); c = c.Next)
        {
            count++;
        }

        return count;
    }

    /// <summary>Calls of another queue ahead of <paramref name="call"/>: a prefix of that queue, usually all or none.</summary>
    private static int CountAhead(CallQueue queue, CallEntry call)
    {
        if (queue.Head is null || !queue.Head.IsAheadOf(call))
        {
            return 0;
        }

        if (queue.Tail!.IsAheadOf(call))
        {
            return queue.Count;
        }

        var count = 0;
        for (var c = queue.Head; c is not null && c.IsAheadOf(call); c = c.Next)
        {
            count++;
        }

        return count;
    }

    /// <summary>ceil(position / staffed specialists) × average handle time; see docs/routing.md.</summary>
    private TimeSpan ExpectedWait(CallEntry call, int position)
    {
        var staffed = Math.Max(1, _staffed[SlotIndex(call.Level, (int)call.Model - 1)]);
        var rounds = (position + staffed - 1) / staffed;
        return TimeSpan.FromTicks((long)(rounds * _averageHandleTicks));
    }

    private void AdjustStaffed(AgentEntry agent, int delta)
    {
        _staffed[SlotIndex(agent.Level, AnyModelSlot)] += delta;
        for (var model = MachineModel.Ns5; model <= MachineModel.Ns100; model++)
        {
            if (agent.HasModel(model))
            {
                _staffed[SlotIndex(agent.Level, (int)model - 1)] += delta;
            }
        }
    }

    private void RollDayIfNeeded(long now)
    {
        if (now >= _dayEndTicks)
        {
            StartDay(now);
        }
    }

    /// <summary>"Today" is the local date in the TimeProvider's time zone; the counters restart at its midnight.</summary>
    private void StartDay(long now)
    {
        var zone = _time.LocalTimeZone;
        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(now, DateTimeKind.Utc), zone);
        _day = DateOnly.FromDateTime(local);
        var nextMidnight = local.Date.AddDays(1);
        _dayEndTicks = (nextMidnight - zone.GetUtcOffset(nextMidnight)).Ticks;
        _callsQueuedToday = 0;
        _callsAnsweredToday = 0;
        _callsAbandonedToday = 0;
        _agentOffersToday = 0;
    }
}
