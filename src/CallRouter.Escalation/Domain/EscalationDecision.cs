namespace CallRouter.Escalation.Domain;

/// <summary>The outcome of one input: the new state and the effects to persist with it. Ignored inputs change nothing.</summary>
public sealed record EscalationDecision(EscalationRecord State, IReadOnlyList<EscalationEffect> Effects)
{
    public bool Ignored => Effects.Count == 0;
}
