namespace CallRouter.Routing.Internal;

/// <summary>
/// An <see cref="OverflowPolicy"/> flattened into arrays indexed by step, step 0 being the implicit
/// "specialists only" step, so that deciding a call's step and pool costs a few array reads.
/// </summary>
internal sealed class CompiledPolicy
{
    private readonly long[] _afterTicks;
    private readonly bool[] _anyModel;
    private readonly bool[] _higherLevel;

    public CompiledPolicy(OverflowPolicy policy)
    {
        Source = policy;
        StepCount = policy.Steps.Count;
        _afterTicks = new long[StepCount + 1];
        _anyModel = new bool[StepCount + 1];
        _higherLevel = new bool[StepCount + 1];
        for (var i = 0; i < StepCount; i++)
        {
            var step = policy.Steps[i];
            _afterTicks[i + 1] = step.After.Ticks;
            _anyModel[i + 1] = step.AnyModel;
            _higherLevel[i + 1] = step.HigherLevel;
        }
    }

    public OverflowPolicy Source { get; }

    /// <summary>Number of widening steps (the highest step number).</summary>
    public int StepCount { get; }

    public long AfterTicks(int step) => _afterTicks[step];

    public bool AnyModel(int step) => _anyModel[step];

    public bool HigherLevel(int step) => _higherLevel[step];

    /// <summary>The step in force after waiting <paramref name="waitedTicks"/>.</summary>
    public int DueStep(long waitedTicks)
    {
        var step = 0;
        while (step < StepCount && _afterTicks[step + 1] <= waitedTicks)
        {
            step++;
        }

        return step;
    }
}
