namespace CallRouter.Routing.Internal;

/// <summary>
/// One queue (model × severity × level): an intrusive list kept in priority order, which for a single severity is
/// the order of first enqueue, so the head is both the highest-priority and the longest-waiting call.
/// Also keeps, per overflow step k, a cursor on the first call that has not yet been announced at step k; the
/// calls not yet announced at a step always form a suffix of the queue, so announcing is amortised O(1).
/// </summary>
internal sealed class CallQueue
{
    private readonly CallEntry?[] _cursors = new CallEntry?[OverflowPolicy.MaxSteps + 1];

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

    /// <summary>
    /// Puts a returning call back at the front: ahead of every call that arrived after it. Only older calls that
    /// also returned can be ahead of it, so the walk is short.
    /// </summary>
    public void InsertByPriority(CallEntry call)
    {
        var before = Head;
        while (before is not null && before.IsAheadOf(call))
        {
            before = before.Next;
        }

        if (before is null)
        {
            AddLast(call);
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
