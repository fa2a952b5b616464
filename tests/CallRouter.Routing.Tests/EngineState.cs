using System.Text;

namespace CallRouter.Routing.Tests;

/// <summary>A textual fingerprint of everything observable about an engine, to show that a refused operation changed nothing.</summary>
internal static class EngineState
{
    public static string Capture(RoutingEngine engine, params string[] callIds)
    {
        var text = new StringBuilder();
        var stats = engine.GetStatistics();
        text.Append($"offered={stats.CallsOfferedToday} answered={stats.CallsAnsweredToday} abandoned={stats.CallsAbandonedToday} offers={stats.AgentOffersToday};");
        foreach (var queue in stats.Queues.Where(q => q.Waiting > 0))
        {
            text.Append($"{queue.Model}/{queue.Severity}/{queue.Level}={queue.Waiting};");
        }

        foreach (var state in stats.AgentsByState)
        {
            text.Append($"{state.Key}={state.Value};");
        }

        foreach (var agent in engine.GetAgents())
        {
            text.Append($"{agent.AgentId}:{agent.Skills.Level}:{string.Join(',', agent.Skills.Models)}:{agent.State}:{agent.NotReadyReason}:{agent.CallId};");
        }

        foreach (var callId in callIds)
        {
            text.Append($"{engine.GetCall(callId)};");
        }

        text.Append($"eligible={string.Join(',', engine.EligibleModels)};next={engine.NextDeadline}");
        return text.ToString();
    }
}
