using CallRouter.Contracts.V1;

namespace CallRouter.Cli.AgentConsole;

/// <summary>The calls this console has heard of, so commands can leave out the call id.</summary>
internal readonly record struct ConsoleCalls(string? Offer, string? Connected, string? WrappingUp);

/// <summary>
/// Follows the agent's event stream and remembers the current offer, the connected call and the call in
/// wrap-up. Updated by the event reader and read by the command reader, hence the lock.
/// </summary>
internal sealed class CallTracker
{
    private readonly Lock _gate = new();
    private ConsoleCalls _calls;

    public ConsoleCalls Current
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    public void Observe(AgentEvent e)
    {
        lock (_gate)
        {
            _calls = e.EventCase switch
            {
                AgentEvent.EventOneofCase.Offer => _calls with { Offer = e.Offer.CallId },
                AgentEvent.EventOneofCase.OfferWithdrawn when _calls.Offer == e.OfferWithdrawn.CallId => _calls with { Offer = null },
                AgentEvent.EventOneofCase.CallStarted => new ConsoleCalls(
                    _calls.Offer == e.CallStarted.CallId ? null : _calls.Offer, e.CallStarted.CallId, null),
                AgentEvent.EventOneofCase.CallStopped => _calls with
                {
                    Connected = _calls.Connected == e.CallStopped.CallId ? null : _calls.Connected,
                    WrappingUp = e.CallStopped.CallId,
                },
                // Wrap-up is over once the agent is in any other state (wrapped up, or its time ran out).
                AgentEvent.EventOneofCase.StateChanged when e.StateChanged.State != AgentState.WrapUp => _calls with { WrappingUp = null },
                _ => _calls,
            };
        }
    }
}
