namespace CallRouter.Routing;

/// <summary>
/// Engine configuration. Fixed at construction except the eligible list and the overflow policies,
/// which <see cref="RoutingEngine"/> lets an administrator replace at run time.
/// </summary>
public sealed class RoutingOptions
{
    /// <summary>How long an agent has to accept an offer before it returns to the front of its queue.</summary>
    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Offers missed in a row after which the agent is made not ready with <see cref="NotReadyReasons.MissedOffers"/>.</summary>
    public int MaxMissedOffers { get; init; } = 3;

    /// <summary>After-call work time; the agent becomes available when it ends (or earlier on request).</summary>
    public TimeSpan WrapUpTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When true a declining agent is made not ready (<see cref="NotReadyReasons.DeclinedOffer"/>) so the call is not bounced straight back.</summary>
    public bool DeclineSetsNotReady { get; init; } = true;

    /// <summary>
    /// Head start of each severity in the priority score, index 0 = severity 1. The score of a waiting call is
    /// <c>HeadStart[severity] + AgeingRate × waited</c>; see docs/routing.md.
    /// </summary>
    public IReadOnlyList<TimeSpan> SeverityHeadStart { get; init; } =
        [TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60), TimeSpan.Zero];

    /// <summary>Score gained per second waited, in head-start seconds; must be positive so that nothing starves.</summary>
    public double AgeingRate { get; init; } = 1.0;

    /// <summary>The eligible machine list at start-up (SPEC R2).</summary>
    public IReadOnlyCollection<MachineModel> EligibleModels { get; init; } =
        [MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10, MachineModel.Ns100];

    /// <summary>Overflow policy per severity at start-up, index 0 = severity 1.</summary>
    public IReadOnlyList<OverflowPolicy> OverflowPolicies { get; init; } =
    [
        OverflowPolicy.Widening(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
        OverflowPolicy.Widening(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(90)),
        OverflowPolicy.Widening(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)),
        OverflowPolicy.Widening(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(180)),
    ];

    /// <summary>Handle time (talk + wrap-up) assumed before any call has been measured; feeds the expected-wait estimate.</summary>
    public TimeSpan DefaultHandleTime { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>Weight of the newest handle time in the moving average (0 &lt; α ≤ 1).</summary>
    public double HandleTimeSmoothing { get; init; } = 0.2;

    /// <summary>Calls the engine makes room for up front, so that steady-state routing does not allocate.</summary>
    public int InitialCallCapacity { get; init; } = 1024;

    /// <summary>Agents the engine makes room for up front.</summary>
    public int InitialAgentCapacity { get; init; } = 256;
}
