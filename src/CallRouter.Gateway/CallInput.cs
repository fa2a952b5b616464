using CallRouter.Contracts.V1;

namespace CallRouter.Gateway;

/// <summary>
/// One thing that happened to a call, from whichever side. Everything a call flow waits for arrives through
/// one channel of these, so the flow handles them one at a time, in order, without locks.
/// </summary>
public sealed record CallInput(CallInputKind Kind, RoutingEvent? Event = null, char Digit = '\0')
{
    public static CallInput From(RoutingEvent routingEvent) => new(CallInputKind.Routing, routingEvent);

    public static CallInput Pressed(char digit) => new(CallInputKind.Digit, Digit: digit);

    public static CallInput CallerGone { get; } = new(CallInputKind.CallerGone);

    public static CallInput AgentGone { get; } = new(CallInputKind.AgentGone);

    public static CallInput RoutingLost { get; } = new(CallInputKind.RoutingLost);
}
