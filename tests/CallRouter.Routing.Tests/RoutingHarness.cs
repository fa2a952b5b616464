using CallRouter.Routing;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Routing.Tests;

/// <summary>An engine on a fake clock starting at 08:00:00 UTC, with helpers that assert each step succeeded.</summary>
internal sealed class RoutingHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public RoutingHarness(RoutingOptions? options = null)
    {
        Engine = new RoutingEngine(options ?? new RoutingOptions(), Time, Sink);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public RecordingSink Sink { get; } = new();

    public RoutingEngine Engine { get; }

    public static void Ok(RoutingResult result) => Assert.True(result.IsSuccess, result.ToString());

    /// <summary>Creates an agent and logs them in, leaving them not ready.</summary>
    public void LoggedIn(string agentId, AgentLevel level, params MachineModel[] models)
    {
        Ok(Engine.AddAgent(agentId, new AgentSkills(level, models)));
        Ok(Engine.LogIn(agentId));
    }

    /// <summary>Creates an agent, logs them in and makes them available.</summary>
    public void Ready(string agentId, AgentLevel level, params MachineModel[] models)
    {
        LoggedIn(agentId, level, models);
        Ok(Engine.SetAvailable(agentId));
    }

    public void Enqueue(string callId, MachineModel model, int severity, AgentLevel level = AgentLevel.L1) =>
        Ok(Engine.EnqueueCall(new CallRequest(callId, model, severity, level)));

    /// <summary>Moves the clock to T0 + <paramref name="seconds"/> and ticks, as the host's timer would.</summary>
    public void At(double seconds)
    {
        var target = T0 + TimeSpan.FromSeconds(seconds);
        Assert.True(target >= Time.GetUtcNow(), "time only moves forward");
        Time.SetUtcNow(target);
        Engine.Tick();
    }

    public AgentState StateOf(string agentId) => Engine.GetAgent(agentId)!.State;

    public void AssertConsistent() => Assert.Null(Engine.CheckInvariants());
}
