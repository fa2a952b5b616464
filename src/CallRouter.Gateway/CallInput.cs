using CallRouter.Contracts.V1;

namespace CallRouter.Gateway;

/// <summary>
/// One thing that happened to a call, from whichever side. Everything a call flow waits for arrives through
/// one channel of these, so the flow handles them one at a time, in order, without locks.
/// </summary>
public sealed record CallInput(CallInputKind Kind, RoutingEvent? Event = null, char Digit = '\0', bool Held = false)
{
    public static CallInput From(RoutingEvent routingEvent) => new(CallInputKind.Routing, routingEvent);

    public static CallInput Pressed(char digit) => new(CallInputKind.Digit, Digit: digit);

    /// <summary>The agent's softphone put the caller on hold (true) or took the call off hold (false) by re-INVITE.</summary>
    public static CallInput AgentHolds(bool held) => new(CallInputKind.AgentHold, Held: held);

    public static CallInput CallerGone { get; } = new(CallInputKind.CallerGone);

    public static CallInput AgentGone { get; } = new(CallInputKind.AgentGone);

    public static CallInput RoutingLost { get; } = new(CallInputKind.RoutingLost);
}
