using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Every waiting call's position and expected wait in one pass, for the periodic announcements.</content>
public sealed partial class RoutingEngine
{
    // One merge cursor per severity queue; a field so that a round allocates nothing (the engine is single-threaded).
    private readonly CallEntry?[] _mergeCursors = new CallEntry?[SeverityCount];

    /// <summary>
    /// Replaces the contents of <paramref name="destination"/> with every waiting call's position and expected wait,
    /// the same figures <see cref="GetCall"/> gives one call at a time, in O(waiting calls) instead of a walk per call:
    /// the four severity queues of each model and level are each in priority order, so merging them gives every call's
    /// rank among the calls competing for the same specialists. Processes what is due first, like every query.
    /// </summary>
    /// <param name="destination">Cleared and filled; reuse it between rounds to avoid allocating.</param>
    public void CopyWaitingCalls(List<WaitingCall> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ProcessDue(Now());
        destination.Clear();
        destination.EnsureCapacity(WaitingCount);
        var cursors = _mergeCursors.AsSpan();
        for (var model = MachineModel.Ns5; model <= MachineModel.Ns100; model++)
        {
            for (var level = AgentLevel.L1; level <= AgentLevel.L2; level++)
            {
                for (var severity = 1; severity <= SeverityCount; severity++)
                {
                    cursors[severity - 1] = _queues[QueueIndex(model, severity, level)].Head;
                }

                CopyMerged(cursors, destination);
            }
        }
    }

    /// <summary>Walks the calls of one model and level in priority order, numbering their positions from 1.</summary>
    private void CopyMerged(Span<CallEntry?> cursors, List<WaitingCall> destination)
    {
        var position = 0;
        while (true)
        {
            var best = -1;
            for (var i = 0; i < cursors.Length; i++)
            {
                if (cursors[i] is { } candidate && (best < 0 || candidate.IsAheadOf(cursors[best]!)))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                return;
            }

            var call = cursors[best]!;
            cursors[best] = call.Next;
            position++;
            destination.Add(new WaitingCall(call.CallId, call.Model, call.Severity, call.Level, position, ExpectedWait(call, position)));
        }
    }
}
