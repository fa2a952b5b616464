using CallRouter.Cli.AgentConsole;
using CallRouter.Contracts.V1;

namespace CallRouter.Cli.Tests;

public sealed class CommandDispatcherTests
{
    private static readonly ConsoleCalls Idle = new(null, null, null);
    private static readonly ConsoleCalls Offered = new("c-offer", null, null);
    private static readonly ConsoleCalls Talking = new(null, "c-talk", null);
    private static readonly ConsoleCalls WrappingUp = new(null, null, "c-done");

    [Fact]
    public void Accept_WithoutCallId_AcceptsTheCurrentOffer()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Accept(null), Offered);

        Assert.Equal("c-offer", plan.Send?.Accept.CallId);
    }

    [Fact]
    public void Accept_WithCallId_AcceptsThatCall()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Accept("c-other"), Offered);

        Assert.Equal("c-other", plan.Send?.Accept.CallId);
    }

    [Fact]
    public void Decline_OfTheCurrentOffer_CarriesTheReason()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Decline("wrong model"), Offered);

        Assert.Equal("c-offer", plan.Send?.Decline.CallId);
        Assert.Equal("wrong model", plan.Send?.Decline.Reason);
    }

    [Fact]
    public void Hold_OfTheConnectedCall_AsksToHoldIt()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Hold(true, null), Talking);

        Assert.Equal(new HoldCall { CallId = "c-talk", Hold = true }, plan.Send?.Hold);
    }

    [Fact]
    public void Resume_OfTheConnectedCall_AsksToTakeItOffHold()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Hold(false, null), Talking);

        Assert.Equal(new HoldCall { CallId = "c-talk", Hold = false }, plan.Send?.Hold);
    }

    [Fact]
    public void TransferL2_OfTheConnectedCall_RequeuesToLevel2()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Transfer(TransferTarget.Level2, null), Talking);

        Assert.Equal(new RequestTransfer { CallId = "c-talk", ToLevel2 = true }, plan.Send?.Transfer);
    }

    [Fact]
    public void TransferMfr_OfTheConnectedCall_GoesToTheManufacturer()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Transfer(TransferTarget.Manufacturer, null), Talking);

        Assert.Equal(new RequestTransfer { CallId = "c-talk", ToManufacturer = true }, plan.Send?.Transfer);
    }

    [Fact]
    public void WrapUp_WithoutDisposition_UsesTheConsoleDefault()
    {
        CommandPlan plan = CommandDispatcher.Plan(new ConsoleCommand.WrapUp(null, ""), WrappingUp, Disposition.CallBack);

        Assert.Equal("c-done", plan.Send?.WrapUp.CallId);
        Assert.Equal(Disposition.CallBack, plan.Send?.WrapUp.Disposition);
        Assert.False(string.IsNullOrEmpty(plan.Send?.WrapUp.Notes));
    }

    [Fact]
    public void WrapUp_WithDispositionAndNotes_SendsThem()
    {
        CommandPlan plan = Plan(new ConsoleCommand.WrapUp(Disposition.NeedsL2, "needs a specialist"), WrappingUp);

        Assert.Equal(Disposition.NeedsL2, plan.Send?.WrapUp.Disposition);
        Assert.Equal("needs a specialist", plan.Send?.WrapUp.Notes);
    }

    [Fact]
    public void Ready_AsksForAvailable()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Ready(), Idle);

        Assert.Equal(new ChangeState { State = AgentState.Available }, plan.Send?.ChangeState);
    }

    [Fact]
    public void NotReady_AsksForNotReadyWithTheReason()
    {
        CommandPlan plan = Plan(new ConsoleCommand.NotReady("lunch"), Idle);

        Assert.Equal(new ChangeState { State = AgentState.NotReady, Reason = "lunch" }, plan.Send?.ChangeState);
    }

    [Fact]
    public void Quit_SendsLogoutAndEndsTheSession()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Quit(), Talking);

        Assert.Equal(AgentCommand.CommandOneofCase.Logout, plan.Send?.CommandCase);
        Assert.True(plan.EndsSession);
    }

    [Fact]
    public void Status_IsAnsweredLocallyWithTheKnownCalls()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Status(), new ConsoleCalls("c-offer", "c-talk", null));

        Assert.Null(plan.Send);
        Assert.Contains("c-offer", plan.Message, StringComparison.Ordinal);
        Assert.Contains("c-talk", plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsAnsweredLocallyWithEveryCommand()
    {
        CommandPlan plan = Plan(new ConsoleCommand.Help(), Idle);

        Assert.Null(plan.Send);
        foreach (string word in new[] { "accept", "decline", "hold", "resume", "transfer l2|mfr", "wrapup", "ready", "notready", "status", "quit" })
        {
            Assert.Contains(word, plan.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("accept", "no offer to accept")]
    [InlineData("decline", "no offer to decline")]
    [InlineData("hold", "no connected call to hold")]
    [InlineData("resume", "no connected call to resume")]
    [InlineData("transfer", "no connected call to transfer")]
    [InlineData("wrapup", "no call to wrap up")]
    public void CommandNeedingACall_WhenThereIsNone_SendsNothingAndSaysSo(string which, string expected)
    {
        ConsoleCommand command = which switch
        {
            "accept" => new ConsoleCommand.Accept(null),
            "decline" => new ConsoleCommand.Decline(""),
            "hold" => new ConsoleCommand.Hold(true, null),
            "resume" => new ConsoleCommand.Hold(false, null),
            "transfer" => new ConsoleCommand.Transfer(TransferTarget.Level2, null),
            _ => new ConsoleCommand.WrapUp(null, ""),
        };

        CommandPlan plan = Plan(command, Idle);

        Assert.Null(plan.Send);
        Assert.Equal(expected, plan.Message);
    }

    private static CommandPlan Plan(ConsoleCommand command, ConsoleCalls calls) =>
        CommandDispatcher.Plan(command, calls, Disposition.Resolved);
}
