namespace CallRouter.Routing.Internal;

/// <summary>
/// One queue (model × severity × level): an intrusive list kept in priority order, which for a single severity is
/// the order of first enqueue, so the head is both the highest-priority and the longest-waiting call.
/// Also keeps, per overflow step k, a cursor on the first call that has not yet been announced at step k; the
/// calls not yet announced at a step always form a suffix of the queue, so announcing is amortised O(1).
/// Finally, per severity of a newly arriving call, a boundary between the calls of this queue that are ahead of
/// such a newcomer and those that are not: newcomers' keys only fall as time passes, so the boundary only moves
/// towards the tail and counting "calls ahead" for a position announcement is amortised O(1) as well.
/// </summary>
internal sealed class CallQueue
{
    private const int SeverityCount = 4;

    private readonly CallEntry?[] _cursors = new CallEntry?[OverflowPolicy.MaxSteps + 1];

    // Index = newcomer severity - 1. _boundary is the first call not known to be ahead (null: all are);
    // _ahead counts the calls before it; _threshold is the newcomer key it was last advanced to.
    private readonly CallEntry?[] _boundary = new CallEntry?[SeverityCount];
    private readonly int[] _ahead = new int[SeverityCount];
    private readonly double[] _threshold = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];

    public CallQueue(MachineModel model, int severity, AgentLevel level)
    {
        Model = model;
        Severity = severity;
        Level = level;
    }

    public MachineModel Model { get; }

    public int Severity { get; }

    public AgentLevel Level { get; }

    public CallEntry? Head { get; private set; }

    public CallEntry? Tail { get; private set; }

    public int Count { get; private set; }

    public CallEntry? Cursor(int step) => _cursors[step];

    public void AdvanceCursor(int step, CallEntry? next) => _cursors[step] = next;

    /// <summary>Appends a newly arrived call (it is the newest, hence the last in priority order).</summary>
    public void AddLast(CallEntry call)
    {
        for (var s = 0; s < SeverityCount; s++)
        {
            // Everything before was counted as ahead; whether the newest call is ahead is decided at the next count.
            _boundary[s] ??= call;
        }

        Append(call);
    }

    /// <summary>
    /// Number of calls in this queue ahead of a call arriving now with severity <paramref name="newcomerSeverity"/>
    /// and key <paramref name="newcomerKey"/>. Keys of successive newcomers of one severity never rise, and the
    /// newcomer has the highest sequence number, so a call is ahead when its key is at least the newcomer's.
    /// </summary>
    public int CountAheadOfNewcomer(int newcomerSeverity, double newcomerKey)
    {
        var s = newcomerSeverity - 1;
        var boundary = _boundary[s];
        var ahead = _ahead[s];
        while (boundary is not null && boundary.Key >= newcomerKey)
        {
            ahead++;
            boundary = boundary.Next;
        }

        _boundary[s] = boundary;
        _ahead[s] = ahead;
        _threshold[s] = newcomerKey;
        return ahead;
    }

    /// <summary>
    /// Puts a returning call back at the front: ahead of every call that arrived after it. Only older calls that
    /// also returned can be ahead of it, so the walk is short.
    /// </summary>
    public void InsertByPriority(CallEntry call)
    {
        for (var s = 0; s < SeverityCount; s++)
        {
            var boundary = _boundary[s];
            if (boundary is null || call.IsAheadOf(boundary))
            {
                // It lands among the calls counted as ahead: count it if it is ahead of the last newcomer too,
                // otherwise it sits right before the old boundary and becomes the boundary.
                if (call.Key >= _threshold[s])
                {
                    _ahead[s]++;
                }
                else
                {
                    _boundary[s] = call;
                }
            }
        }

        var before = Head;
        while (before is not null && before.IsAheadOf(call))
        {
            before = before.Next;
        }

        if (before is null)
        {
            Append(call);
            return;
        }

        call.Next = before;
        call.Previous = before.Previous;
        if (before.Previous is null)
        {
            Head = call;
        }
        else
        {
            before.Previous.Next = call;
        }

        before.Previous = call;
        Link(call);
    }

    public void Remove(CallEntry call)
    {
        for (var s = 0; s < SeverityCount; s++)
        {
            var boundary = _boundary[s];
            if (ReferenceEquals(boundary, call))
            {
                _boundary[s] = call.Next;
            }
            else if (boundary is null || call.IsAheadOf(boundary))
            {
                _ahead[s]--;
            }
        }

        for (var k = 1; k < _cursors.Length; k++)
        {
            if (ReferenceEquals(_cursors[k], call))
            {
                _cursors[k] = call.Next;
            }
        }

        if (call.Previous is null)
        {
            Head = call.Next;
        }
        else
        {
            call.Previous.Next = call.Next;
        }

        if (call.Next is null)
        {
            Tail = call.Previous;
        }
        else
        {
            call.Next.Previous = call.Previous;
        }

        call.Previous = null;
        call.Next = null;
        call.IsLinked = false;
        Count--;
    }

    /// <summary>Self-check of the newcomer boundaries (tests): counts match and counted calls are ahead.</summary>
    public string? CheckBoundaries()
    {
        for (var s = 0; s < SeverityCount; s++)
        {
            var counted = 0;
            var call = Head;
            for (; call is not null && !ReferenceEquals(call, _boundary[s]); call = call.Next)
            {
                if (call.Key < _threshold[s])
                {
                    return $"call {call.CallId} counted ahead of severity-{s + 1} newcomers but is not";
                }

                counted++;
            }

            if (call is null && _boundary[s] is not null)
            {
                return $"severity-{s + 1} boundary {_boundary[s]!.CallId} is not in the queue";
            }

            if (counted != _ahead[s])
            {
                return $"severity-{s + 1} boundary counts {_ahead[s]} ahead but {counted} precede it";
            }
        }

        return null;
    }

    /// <summary>Recomputes every cursor from scratch (after an overflow policy change).</summary>
    public void ResetCursors()
    {
        for (var k = 1; k < _cursors.Length; k++)
        {
            var call = Head;
            while (call is not null && call.AnnouncedStep >= k)
            {
                call = call.Next;
            }

            _cursors[k] = call;
        }
    }

    private void Append(CallEntry call)
    {
        call.Previous = Tail;
        call.Next = null;
        if (Tail is null)
        {
            Head = call;
        }
        else
        {
            Tail.Next = call;
        }

        Tail = call;
        Link(call);
    }

    private void Link(CallEntry call)
    {
        call.IsLinked = true;
        Count++;

        // The new call becomes the cursor of every step it has not been announced at, unless an earlier call
        // already holds that cursor.
        for (var k = call.AnnouncedStep + 1; k < _cursors.Length; k++)
        {
            var cursor = _cursors[k];
            if (cursor is null || call.IsAheadOf(cursor))
            {
                _cursors[k] = call;
            }
        }
    }
}
