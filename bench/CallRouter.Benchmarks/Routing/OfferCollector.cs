using CallRouter.Routing;

namespace CallRouter.Benchmarks.Routing;

/// <summary>
/// Event sink that keeps only what the benchmark needs to play the agents' part: the offers made since it was
/// last drained (in a fixed array, so collecting allocates nothing) and a count of all events.
/// </summary>
internal sealed class OfferCollector : IRoutingEventSink
{
    private readonly string[] _offerAgents = new string[64];
    private readonly string[] _offerCalls = new string[64];

    public int PendingOffers { get; private set; }

    public long EventCount { get; private set; }

    public long OfferCount { get; private set; }

    public void Publish(in RoutingEvent routingEvent)
    {
        EventCount++;
        if (routingEvent.Kind != RoutingEventKind.CallOffered)
        {
            return;
        }

        OfferCount++;
        _offerAgents[PendingOffers] = routingEvent.AgentId!;
        _offerCalls[PendingOffers] = routingEvent.CallId!;
        PendingOffers++;
    }

    public (string AgentId, string CallId) Offer(int index) => (_offerAgents[index], _offerCalls[index]);

    public void Drain() => PendingOffers = 0;
}
