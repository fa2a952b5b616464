using CallRouter.Gateway.Manufacturer;
using CallRouter.Media.Audio;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>What the engineer hears and which keys count.</summary>
public sealed class AcknowledgementDialogueTests
{
    [Fact]
    public async Task Run_KeyOne_AcknowledgedAfterOneAnnouncementWithTheConfiguredTimeout()
    {
        var options = new ManufacturerPhoneOptions { AcknowledgeTimeout = TimeSpan.FromSeconds(7) };
        var ear = new ScriptedEngineerEar().Presses('1');

        var outcome = await new AcknowledgementDialogue(options).RunAsync(ear, "1000-0015", CancellationToken.None);

        Assert.Equal(AcknowledgementOutcome.Acknowledged, outcome);
        Assert.Equal([Prompt.ProblemNumberReadBackId, PromptIds.SeverityConfirm], ear.HeardIds());
        var press = Assert.Single(ear.Collections);
        Assert.Equal((1, TimeSpan.FromSeconds(7)), (press.MaxDigits, press.FirstDigitTimeout));
    }

    [Fact]
    public async Task Run_ConfiguredAcknowledgeKey_OnlyThatKeyCounts()
    {
        var options = new ManufacturerPhoneOptions { AcknowledgeDigit = '5', MaxAnnouncements = 2 };
        var ear = new ScriptedEngineerEar().Presses('1').Presses('5');

        var outcome = await new AcknowledgementDialogue(options).RunAsync(ear, "1000-0015", CancellationToken.None);

        Assert.Equal(AcknowledgementOutcome.Acknowledged, outcome);
        Assert.Equal(2, ear.Collections.Count);
    }

    [Fact]
    public async Task Run_SilenceEveryTime_NotAcknowledgedAfterMaxAnnouncements()
    {
        var options = new ManufacturerPhoneOptions { MaxAnnouncements = 2 };
        var ear = new ScriptedEngineerEar().StaysSilent().StaysSilent();

        var outcome = await new AcknowledgementDialogue(options).RunAsync(ear, "1000-0015", CancellationToken.None);

        Assert.Equal(AcknowledgementOutcome.NotAcknowledged, outcome);
        Assert.Equal(2, ear.HeardIds().Count(id => id == Prompt.ProblemNumberReadBackId));
    }

    [Fact]
    public async Task Run_CallEndsDuringTheAnnouncement_HungUp()
    {
        var ear = new ScriptedEngineerEar { HangsUpWhilePlaying = true };
        using var callOver = new CancellationTokenSource();

        var running = new AcknowledgementDialogue(new ManufacturerPhoneOptions()).RunAsync(ear, "1000-0015", callOver.Token);
        await callOver.CancelAsync();

        Assert.Equal(AcknowledgementOutcome.HungUp, await running.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
