namespace CallRouter.Routing;

/// <summary>
/// Overflow policy of one severity. Step 0 is implicit: specialists (agents of the call's level with the
/// call's model skill). <see cref="Steps"/> lists the widenings that follow, numbered 1, 2, ….
/// </summary>
public sealed class OverflowPolicy
{
    /// <summary>Most widening steps a policy may have.</summary>
    public const int MaxSteps = 8;

    /// <summary>Creates a policy; validate it with <see cref="Validate"/> (the engine does so when given one).</summary>
    /// <param name="steps">Widening steps in order of <see cref="OverflowStep.After"/>.</param>
    public OverflowPolicy(IEnumerable<OverflowStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps.ToArray();
    }

    /// <summary>Widening steps after step 0, in increasing order of waiting time.</summary>
    public IReadOnlyList<OverflowStep> Steps { get; }

    /// <summary>
    /// The default used when none is configured: after <paramref name="anyModelAfter"/> any agent of the
    /// level, after <paramref name="higherLevelAfter"/> L2 agents help with L1 calls as well.
    /// </summary>
    public static OverflowPolicy Widening(TimeSpan anyModelAfter, TimeSpan higherLevelAfter) => new(
    [
        new OverflowStep(anyModelAfter, AnyModel: true, HigherLevel: false),
        new OverflowStep(higherLevelAfter, AnyModel: true, HigherLevel: true),
    ]);

    /// <summary>
    /// Checks the policy: at most <see cref="MaxSteps"/> steps, each after a positive time strictly later than
    /// the one before, and each only widening (a flag once set stays set) — the engine relies on pools that
    /// never shrink as a call waits.
    /// </summary>
    /// <returns>Null when valid, otherwise a message saying what is wrong.</returns>
    public string? Validate()
    {
        if (Steps.Count > MaxSteps)
        {
            return $"an overflow policy has at most {MaxSteps} steps, got {Steps.Count}";
        }

        var previous = new OverflowStep(TimeSpan.Zero, AnyModel: false, HigherLevel: false);
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.After <= previous.After)
            {
                return $"overflow step {i + 1} must come after {previous.After.TotalSeconds:0.###} s, got {step.After.TotalSeconds:0.###} s";
            }

            if ((previous.AnyModel && !step.AnyModel) || (previous.HigherLevel && !step.HigherLevel))
            {
                return $"overflow step {i + 1} narrows the agent pool; steps may only widen it";
            }

            previous = step;
        }

        return null;
    }
}
