using CallRouter.Cli.AgentConsole;
using CallRouter.Contracts.V1;

namespace CallRouter.Cli.Tests;

public sealed class CallTrackerTests
{
    private readonly CallTracker _tracker = new();

    [Fact]
    public void Offer_BecomesTheCurrentOffer()
    {
        _tracker.Observe(new AgentEvent { Offer = new Offer { CallId = "c1" } });

        Assert.Equal(new ConsoleCalls("c1", null, null), _tracker.Current);
    }

    [Fact]
    public void WithdrawnOffer_IsForgotten()
    {
        _tracker.Observe(new AgentEvent { Offer = new Offer { CallId = "c1" } });
        _tracker.Observe(new AgentEvent { OfferWithdrawn = new OfferWithdrawn { CallId = "c1", Reason = "expired" } });

        Assert.Equal(new ConsoleCalls(null, null, null), _tracker.Current);
    }

    [Fact]
    public void AcceptedOffer_BecomesTheConnectedCall()
    {
        _tracker.Observe(new AgentEvent { Offer = new Offer { CallId = "c1" } });
        _tracker.Observe(new AgentEvent { CallStarted = new CallStarted { CallId = "c1" } });

        Assert.Equal(new ConsoleCalls(null, "c1", null), _tracker.Current);
    }

    [Fact]
    public void StoppedCall_IsTheCallToWrapUp_UntilTheAgentLeavesWrapUp()
    {
        _tracker.Observe(new AgentEvent { CallStarted = new CallStarted { CallId = "c1" } });
        _tracker.Observe(new AgentEvent { CallStopped = new CallStopped { CallId = "c1" } });
        _tracker.Observe(new AgentEvent { StateChanged = new AgentStateChanged { State = AgentState.WrapUp } });
        ConsoleCalls inWrapUp = _tracker.Current;
        _tracker.Observe(new AgentEvent { StateChanged = new AgentStateChanged { State = AgentState.Available } });

        Assert.Equal(new ConsoleCalls(null, null, "c1"), inWrapUp);
        Assert.Equal(new ConsoleCalls(null, null, null), _tracker.Current);
    }
}
