using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string?, MachineModel, int, AgentLevel, RoutingError, RoutingErrorCategory> BadCalls => new()
    {
        { null, Ns10, 1, AgentLevel.L1, RoutingError.MissingCallId, RoutingErrorCategory.InvalidArgument },
        { "  ", Ns10, 1, AgentLevel.L1, RoutingError.MissingCallId, RoutingErrorCategory.InvalidArgument },
        { "x", MachineModel.Unspecified, 1, AgentLevel.L1, RoutingError.MissingModel, RoutingErrorCategory.InvalidArgument },
        { "x", (MachineModel)99, 1, AgentLevel.L1, RoutingError.UnknownModel, RoutingErrorCategory.InvalidArgument },
        { "x", Ns10, 0, AgentLevel.L1, RoutingError.SeverityOutOfRange, RoutingErrorCategory.InvalidArgument },
        { "x", Ns10, 5, AgentLevel.L1, RoutingError.SeverityOutOfRange, RoutingErrorCategory.InvalidArgument },
        { "x", Ns10, -1, AgentLevel.L1, RoutingError.SeverityOutOfRange, RoutingErrorCategory.InvalidArgument },
        { "x", Ns10, 1, AgentLevel.Unspecified, RoutingError.InvalidLevel, RoutingErrorCategory.InvalidArgument },
        { "x", Ns10, 1, (AgentLevel)3, RoutingError.InvalidLevel, RoutingErrorCategory.InvalidArgument },
        { "existing", Ns5, 2, AgentLevel.L1, RoutingError.DuplicateCallId, RoutingErrorCategory.FailedPrecondition },
        { "x", NsRemote, 2, AgentLevel.L1, RoutingError.IneligibleModel, RoutingErrorCategory.FailedPrecondition },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void EnqueueCall_BadInput_TypedErrorAndNothingChanges(
        string? callId, MachineModel model, int severity, AgentLevel level, RoutingError error, RoutingErrorCategory category)
    {
        // A busy engine: an agent on a call, one offered, one queued; NS Remote taken off the eligible list.
        var h = new RoutingHarness();
        RoutingHarness.Ok(h.Engine.SetEligibleModels([Ns5, Ns10, Ns100]));
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Ready("a2", AgentLevel.L1, Ns100);
        h.Enqueue("existing", Ns10, 3);
        h.Enqueue("queued", Ns10, 3);
        h.Enqueue("offered", Ns100, 1);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "existing"));
        var before = EngineState.Capture(h.Engine, "existing", "queued", "offered", "x");
        h.Sink.Clear();

        var result = h.Engine.EnqueueCall(new CallRequest(callId, model, severity, level));

        Assert.Equal(error, result.Error);
        Assert.Equal(category, result.Category);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Empty(h.Sink.All);
        Assert.Equal(before, EngineState.Capture(h.Engine, "existing", "queued", "offered", "x"));
    }

    [Fact]
    public void SetEligibleModels_ModelAddedBackAtRunTime_CallsAcceptedAgain()
    {
        var h = new RoutingHarness();
        RoutingHarness.Ok(h.Engine.SetEligibleModels([Ns5]));
        Assert.Equal(RoutingError.IneligibleModel, h.Engine.EnqueueCall(new CallRequest("c1", Ns100, 1)).Error);
        Assert.False(h.Engine.IsEligible(Ns100));

        RoutingHarness.Ok(h.Engine.SetEligibleModels([Ns5, Ns100]));

        Assert.True(h.Engine.EnqueueCall(new CallRequest("c1", Ns100, 1)).IsSuccess);
        Assert.Equal([Ns5, Ns100], h.Engine.EligibleModels);
    }

    [Fact]
    public void SetEligibleModels_ModelRemoved_CallsAlreadyQueuedStay()
    {
        var h = new RoutingHarness();
        h.Enqueue("c1", Ns100, 1);

        RoutingHarness.Ok(h.Engine.SetEligibleModels([Ns5]));

        Assert.Equal(CallState.Queued, h.Engine.GetCall("c1")!.State);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1, 7 })]
    public void SetEligibleModels_UnknownModel_RejectedAndListUnchanged(int[] models)
    {
        var h = new RoutingHarness();

        var result = h.Engine.SetEligibleModels(models.Select(m => (MachineModel)m));

        Assert.Equal(RoutingError.InvalidPolicy, result.Error);
        Assert.Equal(4, h.Engine.EligibleModels.Count);
    }

    [Fact]
    public void AgentOperations_BadInput_TypedErrorsAndNothingChanges()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L2, Ns5);
        h.Enqueue("c1", Ns10, 2);
        h.Enqueue("c2", Ns10, 2);
        var before = EngineState.Capture(h.Engine, "c1", "c2");
        h.Sink.Clear();

        var results = new (RoutingResult Result, RoutingError Expected)[]
        {
            (h.Engine.AddAgent("a1", new AgentSkills(AgentLevel.L1, [Ns5])), RoutingError.DuplicateAgent),
            (h.Engine.AddAgent("", new AgentSkills(AgentLevel.L1, [Ns5])), RoutingError.MissingAgentId),
            (h.Engine.AddAgent("a3", null), RoutingError.InvalidSkills),
            (h.Engine.AddAgent("a3", new AgentSkills(AgentLevel.Unspecified, [Ns5])), RoutingError.InvalidSkills),
            (h.Engine.AddAgent("a3", new AgentSkills(AgentLevel.L1, [MachineModel.Unspecified])), RoutingError.InvalidSkills),
            (h.Engine.UpdateAgentSkills("nobody", new AgentSkills(AgentLevel.L1, [Ns5])), RoutingError.UnknownAgent),
            (h.Engine.UpdateAgentSkills("a2", new AgentSkills((AgentLevel)9, [Ns5])), RoutingError.InvalidSkills),
            (h.Engine.RemoveAgent("a2"), RoutingError.InvalidAgentState),
            (h.Engine.LogIn("a1"), RoutingError.InvalidAgentState),
            (h.Engine.LogIn("nobody"), RoutingError.UnknownAgent),
            (h.Engine.SetNotReady("a2", " "), RoutingError.MissingReason),
            (h.Engine.SetAvailable("a1"), RoutingError.InvalidAgentState),
            (h.Engine.AcceptOffer("a2", "c1"), RoutingError.NoSuchOffer),
            (h.Engine.AcceptOffer("a1", "c2"), RoutingError.NoSuchOffer),
            (h.Engine.AcceptOffer("a1", null), RoutingError.MissingCallId),
            (h.Engine.DeclineOffer("a2", "c1"), RoutingError.NoSuchOffer),
            (h.Engine.AbandonCall("nope"), RoutingError.UnknownCall),
            (h.Engine.EndCall(null), RoutingError.MissingCallId),
            (h.Engine.SetOverflowPolicy(0, OverflowPolicy.Widening(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))), RoutingError.SeverityOutOfRange),
            (h.Engine.SetOverflowPolicy(1, null), RoutingError.InvalidPolicy),
        };

        Assert.All(results, r => Assert.Equal(r.Expected, r.Result.Error));
        Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Result.Message)));
        Assert.Empty(h.Sink.All);
        Assert.Equal(before, EngineState.Capture(h.Engine, "c1", "c2"));
    }

    [Fact]
    public void RoutingResult_Categories_MapNotFoundSeparately()
    {
        Assert.Equal(RoutingErrorCategory.NotFound, RoutingResult.Fail(RoutingError.UnknownCall, "m").Category);
        Assert.Equal(RoutingErrorCategory.NotFound, RoutingResult.Fail(RoutingError.UnknownAgent, "m").Category);
        Assert.Equal(RoutingErrorCategory.None, RoutingResult.Ok.Category);
        Assert.Throws<ArgumentOutOfRangeException>(() => RoutingResult.Fail(RoutingError.None, "m"));
    }

    [Fact]
    public void RemoveAgent_Offline_GoneAndIdReusable()
    {
        var h = new RoutingHarness();
        RoutingHarness.Ok(h.Engine.AddAgent("a1", new AgentSkills(AgentLevel.L1, [Ns5])));

        RoutingHarness.Ok(h.Engine.RemoveAgent("a1"));

        Assert.Null(h.Engine.GetAgent("a1"));
        RoutingHarness.Ok(h.Engine.AddAgent("a1", new AgentSkills(AgentLevel.L2, [])));
        Assert.Equal(AgentLevel.L2, h.Engine.GetAgent("a1")!.Skills.Level);
    }
}
