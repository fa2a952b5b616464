namespace CallRouter.Routing;

/// <summary>
/// One step of an overflow policy: once a call has waited <paramref name="After"/>, the pool of agents
/// it may be offered to widens as the flags say. Steps only ever widen the pool.
/// </summary>
/// <param name="After">Waiting time (since the call was first queued) at which the step applies.</param>
/// <param name="AnyModel">Agents of the right level without the model skill qualify.</param>
/// <param name="HigherLevel">L2 agents qualify for L1 calls ("L2 helps L1").</param>
public readonly record struct OverflowStep(TimeSpan After, bool AnyModel, bool HigherLevel);
