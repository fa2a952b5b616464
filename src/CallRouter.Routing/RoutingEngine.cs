namespace CallRouter.Routing;

/// <summary>
/// The routing engine: queues by model × severity × level, agents with skills and states, offers, overflow,
/// wrap-up and statistics. Pure domain: no I/O, no threads, no timers. Time comes only from the injected
/// <see cref="TimeProvider"/>; the host calls <see cref="Tick"/> at <see cref="NextDeadline"/> (every other
/// operation also processes whatever is due first). Not thread-safe: the host serialises all calls.
/// Every refused operation returns a typed <see cref="RoutingResult"/> and changes nothing.
/// </summary>
public sealed partial class RoutingEngine
{
    /// <summary>Creates an engine with no agents and no calls.</summary>
    /// <param name="options">Configuration; validated here (throws <see cref="ArgumentException"/> when malformed).</param>
    /// <param name="timeProvider">The only source of time.</param>
    /// <param name="sink">Receives every routing outcome synchronously.</param>
    public RoutingEngine(RoutingOptions options, TimeProvider timeProvider, IRoutingEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(sink);
        throw new NotImplementedException();
    }

    /// <summary>Models currently on the eligible list.</summary>
    public IReadOnlyCollection<MachineModel> EligibleModels => throw new NotImplementedException();

    /// <summary>Number of calls waiting in queues (offered and connected calls excluded).</summary>
    public int WaitingCount => throw new NotImplementedException();

    /// <summary>
    /// Earliest instant at which <see cref="Tick"/> has something to do (offer time-out, wrap-up end, overflow
    /// step), or null when nothing is pending. Changes after every operation; the host re-reads it each time.
    /// </summary>
    public DateTimeOffset? NextDeadline => throw new NotImplementedException();

    /// <summary>Processes everything due at the current time: offer time-outs, wrap-up ends and overflow steps, then makes the offers they allow.</summary>
    public void Tick() => throw new NotImplementedException();

    /// <summary>
    /// Queues a call (emits CallQueued) or, when a qualified agent is available, offers it at once (CallQueued then CallOffered).
    /// </summary>
    /// <param name="request">The call.</param>
    /// <returns>
    /// Errors: MissingCallId, MissingModel, UnknownModel, SeverityOutOfRange, InvalidLevel (InvalidArgument);
    /// IneligibleModel (return the call to the manufacturer), DuplicateCallId (FailedPrecondition).
    /// </returns>
    public RoutingResult EnqueueCall(in CallRequest request) => throw new NotImplementedException();

    /// <summary>
    /// The caller left before being answered (hung up or chose voicemail): the call is removed from its queue or
    /// from the agent it was offered to (that agent becomes available again). Emits CallAbandoned.
    /// </summary>
    /// <param name="callId">The call.</param>
    /// <returns>UnknownCall; InvalidCallState when already connected (use <see cref="EndCall"/>).</returns>
    public RoutingResult AbandonCall(string? callId) => throw new NotImplementedException();

    /// <summary>A connected call ended (either side hung up): the engine forgets it and the agent enters wrap-up. Emits CallEnded.</summary>
    /// <param name="callId">The call.</param>
    /// <returns>UnknownCall; InvalidCallState when not connected (use <see cref="AbandonCall"/>).</returns>
    public RoutingResult EndCall(string? callId) => throw new NotImplementedException();

    /// <summary>Snapshot of a known call (queued, offered or connected) with its position and expected wait, or null.</summary>
    /// <param name="callId">The call.</param>
    public CallSnapshot? GetCall(string? callId) => throw new NotImplementedException();
}
