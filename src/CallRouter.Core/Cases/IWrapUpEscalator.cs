using CallRouter.Cases.Domain;

namespace CallRouter.Core.Cases;

/// <summary>Starts an escalation to Mfr TS when an agent wraps a call up with "escalate to manufacturer".</summary>
public interface IWrapUpEscalator
{
    Task EscalateAsync(Actor actor, ProblemNumber problemNumber, string summary, CancellationToken cancellationToken = default);
}
