using CallRouter.Cli.AgentConsole;
using CallRouter.Contracts.V1;

namespace CallRouter.Cli.Tests;

public sealed class ConsoleCommandParserTests
{
    [Theory]
    [InlineData("accept", null)]
    [InlineData("  ACCEPT  ", null)]
    [InlineData("accept call-7", "call-7")]
    public void Accept_WithOrWithoutCallId_IsAcceptOfThatCall(string line, string? callId) =>
        Assert.Equal(new ConsoleCommand.Accept(callId), Parse(line));

    [Theory]
    [InlineData("decline", "")]
    [InlineData("decline  wrong   model", "wrong model")]
    public void Decline_KeepsTheReasonWords(string line, string reason) =>
        Assert.Equal(new ConsoleCommand.Decline(reason), Parse(line));

    [Theory]
    [InlineData("hold", true, null)]
    [InlineData("hold c1", true, "c1")]
    [InlineData("resume", false, null)]
    [InlineData("unhold c1", false, "c1")]
    public void HoldAndResume_AreHoldCommandsWithTheirDirection(string line, bool onHold, string? callId) =>
        Assert.Equal(new ConsoleCommand.Hold(onHold, callId), Parse(line));

    [Theory]
    [InlineData("transfer l2", true, null)]
    [InlineData("transfer Level2 c9", true, "c9")]
    [InlineData("transfer mfr", false, null)]
    [InlineData("transfer manufacturer c9", false, "c9")]
    public void Transfer_NamesItsTarget(string line, bool toLevel2, string? callId) =>
        Assert.Equal(new ConsoleCommand.Transfer(toLevel2 ? TransferTarget.Level2 : TransferTarget.Manufacturer, callId), Parse(line));

    [Fact]
    public void WrapUp_Alone_LeavesTheDispositionToTheDefault() =>
        Assert.Equal(new ConsoleCommand.WrapUp(null, ""), Parse("wrapup"));

    [Theory]
    [InlineData("wrapup resolved", Disposition.Resolved, "")]
    [InlineData("wrap-up NEEDS-L2 wants a specialist", Disposition.NeedsL2, "wants a specialist")]
    [InlineData("wrapup escalate", Disposition.EscalateToManufacturer, "")]
    [InlineData("wrapup call-back after 5pm", Disposition.CallBack, "after 5pm")]
    public void WrapUp_WithDisposition_KeepsDispositionAndNotes(string line, Disposition disposition, string notes) =>
        Assert.Equal(new ConsoleCommand.WrapUp(disposition, notes), Parse(line));

    [Theory]
    [InlineData("notready", "")]
    [InlineData("notready lunch", "lunch")]
    [InlineData("not-ready  team  meeting ", "team meeting")]
    public void NotReady_KeepsTheReason(string line, string reason) =>
        Assert.Equal(new ConsoleCommand.NotReady(reason), Parse(line));

    [Fact]
    public void Ready_IsReady() => Assert.IsType<ConsoleCommand.Ready>(Parse("ready"));

    [Fact]
    public void Status_IsStatus() => Assert.IsType<ConsoleCommand.Status>(Parse("status"));

    [Theory]
    [InlineData("help")]
    [InlineData("?")]
    public void Help_IsHelp(string line) => Assert.IsType<ConsoleCommand.Help>(Parse(line));

    [Theory]
    [InlineData("quit")]
    [InlineData("exit")]
    [InlineData("Logout")]
    public void QuitAndItsAliases_AreQuit(string line) => Assert.IsType<ConsoleCommand.Quit>(Parse(line));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("# a comment in a script")]
    public void BlankOrCommentLine_IsNothingAndNoError(string? line)
    {
        ParsedLine parsed = ConsoleCommandParser.Parse(line);

        Assert.Null(parsed.Command);
        Assert.Null(parsed.Error);
    }

    [Theory]
    [InlineData("bogus", "unknown command 'bogus'")]
    [InlineData("acept", "unknown command 'acept'")]
    [InlineData("transfer", "usage: transfer l2|mfr")]
    [InlineData("transfer l3", "transfer to 'l3'?")]
    [InlineData("transfer l2 c1 extra", "usage: transfer l2|mfr")]
    [InlineData("wrapup fixed it", "unknown disposition 'fixed'")]
    [InlineData("accept c1 c2", "usage: accept [CALL-ID]")]
    [InlineData("hold c1 c2", "usage: hold [CALL-ID]")]
    [InlineData("resume c1 c2", "usage: resume [CALL-ID]")]
    [InlineData("ready now", "'ready' takes no arguments")]
    [InlineData("quit please", "'quit' takes no arguments")]
    [InlineData("status all", "'status' takes no arguments")]
    [InlineData("help me", "'help' takes no arguments")]
    [InlineData("hangup", "hang up on your softphone")]
    public void MalformedOrUnknownLine_IsAnErrorSayingWhatIsWrong(string line, string expected)
    {
        ParsedLine parsed = ConsoleCommandParser.Parse(line);

        Assert.Null(parsed.Command);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLongWord_IsShortenedInTheError()
    {
        ParsedLine parsed = ConsoleCommandParser.Parse(new string('x', 5000));

        Assert.NotNull(parsed.Error);
        Assert.True(parsed.Error.Length < 200, parsed.Error);
    }

    private static ConsoleCommand? Parse(string line)
    {
        ParsedLine parsed = ConsoleCommandParser.Parse(line);
        Assert.Null(parsed.Error);
        return parsed.Command;
    }
}
