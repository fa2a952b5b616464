namespace CallRouter.Escalation.Ports;

/// <summary>A status answer: the state, who answered (when someone did), and the paging side's own words.</summary>
public sealed record PageStatus(PageState State, string? Responder, string Detail);
