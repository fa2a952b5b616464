namespace CallRouter.Routing;

/// <summary>
/// Receives routing outcomes synchronously, in order, on the thread that called the engine.
/// Implementations must be quick and must not call back into the engine (queue the work instead).
/// </summary>
public interface IRoutingEventSink
{
    /// <summary>Handles one event; the reference is only valid during the call.</summary>
    /// <param name="routingEvent">The event.</param>
    void Publish(in RoutingEvent routingEvent);
}
