using CallRouter.Media.Audio;

namespace CallRouter.Gateway.Tests;

public sealed class IvrDialogueTests
{
    private static readonly IvrOptions Options = new() { MaxAttempts = 3 };

    private static CallerContext Context(string? model = null, string problem = "") =>
        new(model, model, "SN1", "ACME", "5550100", problem, false);

    private static List<string> Ids(FakeCallerChannel caller) => caller.Heard.Select(p => p.Id).ToList();

    [Fact]
    public async Task RunAsync_ModelInHeader_SkipsModelMenuAndReturnsAnswers()
    {
        var caller = new FakeCallerChannel().Presses("12345678", '#').Presses("2").Presses("1");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context("NS10"), CancellationToken.None);

        Assert.Equal(new IvrResult(IvrOutcome.Completed, "NS10", "12345678", 2), result);
        Assert.Equal([PromptIds.Greeting, PromptIds.ProblemNumberMenu, PromptIds.SeverityMenu, Prompt.SeverityConfirmationId], Ids(caller));
        Assert.Equal(2, caller.Heard[^1].Number);
    }

    [Fact]
    public async Task RunAsync_NoModelHeader_AsksModelMenuAndMapsDigit()
    {
        var caller = new FakeCallerChannel().Presses("4").Presses("", '#').Presses("1").Presses("1");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context(), CancellationToken.None);

        Assert.Equal(new IvrResult(IvrOutcome.Completed, "NS100", "", 1), result);
        Assert.Equal(PromptIds.ModelMenu, caller.Heard[1].Id);
    }

    [Fact]
    public async Task RunAsync_ModelMenuNine_ReturnsToManufacturerWithoutMoreQuestions()
    {
        var caller = new FakeCallerChannel().Presses("9");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context(), CancellationToken.None);

        Assert.Equal(IvrOutcome.ReturnToManufacturer, result.Outcome);
        Assert.Equal([PromptIds.Greeting, PromptIds.ModelMenu], Ids(caller));
    }

    [Fact]
    public async Task RunAsync_InvalidModelDigitThenValid_SaysInvalidEntryAndAsksAgain()
    {
        var caller = new FakeCallerChannel().Presses("7").Presses("2").Presses("", '#').Presses("3").Presses("1");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context(), CancellationToken.None);

        Assert.Equal("NS Remote", result.Model);
        Assert.Equal([PromptIds.Greeting, PromptIds.ModelMenu, PromptIds.InvalidEntry, PromptIds.ModelMenu], Ids(caller).Take(4));
    }

    [Fact]
    public async Task RunAsync_SilenceOnEveryModelAttempt_SaysNoInputThenGoodbyeAndGivesUp()
    {
        var caller = new FakeCallerChannel().StaysSilent().StaysSilent().StaysSilent();

        var result = await new IvrDialogue(caller, Options).RunAsync(Context(), CancellationToken.None);

        Assert.Equal(IvrOutcome.GaveUp, result.Outcome);
        Assert.Equal(3, Ids(caller).Count(id => id == PromptIds.NoInput));
        Assert.Equal(PromptIds.Goodbye, caller.Heard[^1].Id);
    }

    [Fact]
    public async Task RunAsync_SeverityChosenAgain_ConfirmsTheSecondChoice()
    {
        var caller = new FakeCallerChannel().Presses("", '#').Presses("2").Presses("2").Presses("3").Presses("1");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context("NS-5"), CancellationToken.None);

        Assert.Equal(3, result.Severity);
        Assert.Equal(2, Ids(caller).Count(id => id == PromptIds.SeverityMenu));
    }

    [Fact]
    public async Task RunAsync_SeverityOutOfRange_IsRefusedAsInvalid()
    {
        var caller = new FakeCallerChannel().Presses("", '#').Presses("5").Presses("4").Presses("1");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context("NS-5"), CancellationToken.None);

        Assert.Equal(4, result.Severity);
        Assert.Contains(PromptIds.InvalidEntry, Ids(caller));
    }

    [Fact]
    public async Task RunAsync_ProblemNumberInHeader_DoesNotAskForIt()
    {
        var caller = new FakeCallerChannel().Presses("1").Presses("1");

        var result = await new IvrDialogue(caller, Options).RunAsync(Context("NS10", "1000-0001"), CancellationToken.None);

        Assert.Equal("1000-0001", result.ProblemNumber);
        Assert.DoesNotContain(PromptIds.ProblemNumberMenu, Ids(caller));
    }

    [Fact]
    public async Task AskProblemNumberAsync_StarInDigits_IsInvalidAndAskedAgain()
    {
        var caller = new FakeCallerChannel().Presses("12*4", '#').Presses("1234", '#');

        var number = await new IvrDialogue(caller, Options).AskProblemNumberAsync(CancellationToken.None);

        Assert.Equal("1234", number);
        Assert.Equal([PromptIds.ProblemNumberMenu, PromptIds.InvalidEntry, PromptIds.ProblemNumberMenu], Ids(caller));
    }

    [Fact]
    public async Task AskProblemNumberAsync_SilentThroughEveryAttempt_TreatsCallAsNewProblem()
    {
        var caller = new FakeCallerChannel().StaysSilent().StaysSilent().StaysSilent();

        var number = await new IvrDialogue(caller, Options).AskProblemNumberAsync(CancellationToken.None);

        Assert.Equal("", number);
    }

    [Fact]
    public async Task AskProblemNumberAgainAsync_CoreRefusedNumber_SaysInvalidEntryFirst()
    {
        var caller = new FakeCallerChannel().Presses("", '#');

        var number = await new IvrDialogue(caller, Options).AskProblemNumberAgainAsync(CancellationToken.None);

        Assert.Equal("", number);
        Assert.Equal([PromptIds.InvalidEntry, PromptIds.ProblemNumberMenu], Ids(caller));
    }
}
