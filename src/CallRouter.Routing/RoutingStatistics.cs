namespace CallRouter.Routing;

/// <summary>Live statistics snapshot for supervisors (SPEC R14 live view).</summary>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Day">The day the "today" counters cover (local date of the engine's TimeProvider).</param>
/// <param name="Queues">All 32 queues, including empty ones, ordered by model, severity, level.</param>
/// <param name="LongestWait">Longest wait over all waiting calls.</param>
/// <param name="AgentsByState">Number of agents in each state; every state present.</param>
/// <param name="CallsOfferedToday">Calls that entered a queue today (the contact-centre meaning of "offered").</param>
/// <param name="CallsAnsweredToday">Calls accepted by an agent today.</param>
/// <param name="CallsAbandonedToday">Calls abandoned (hung up or voicemail) before being answered today.</param>
/// <param name="AgentOffersToday">Offers made to agents today, re-offers included.</param>
/// <param name="AverageHandleTime">Moving average of talk + wrap-up used for expected waits.</param>
public sealed record RoutingStatistics(
    DateTimeOffset At,
    DateOnly Day,
    IReadOnlyList<QueueStatistics> Queues,
    TimeSpan LongestWait,
    IReadOnlyDictionary<AgentState, int> AgentsByState,
    int CallsOfferedToday,
    int CallsAnsweredToday,
    int CallsAbandonedToday,
    int AgentOffersToday,
    TimeSpan AverageHandleTime);
