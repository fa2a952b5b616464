using CallRouter.Media.Dtmf;
using CallRouter.Sip.UserAgent;
using CallRouter.Testing;

namespace CallRouter.Simulators.MfrPhone.Tests;

/// <summary>The simulator as a process, called by a UAC from the product's stack over loopback.</summary>
public sealed class MfrPhoneSimulatorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AnswerAfter_AnswersThenPressesTheKeyAsRfc4733AndReportsIt()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-after 0.5", "--ack-after", "1", "--ack-digit", "1");
        await using var desk = await DeskCaller.StartAsync();
        await using var leg = desk.Media.CreateSession();

        var call = desk.Call(phone.Port, leg);
        Assert.Equal(200, (await call.FinalResponse.WaitAsync(Bound)).StatusCode);
        Assert.True(DeskCaller.AcceptAnswer(call, leg));
        var pressed = await leg.CollectDigitsAsync(new DigitCollectionOptions { MaxDigits = 1, Terminators = "", FirstDigitTimeout = TimeSpan.FromSeconds(10) }).WaitAsync(Bound);
        await call.HangupAsync().WaitAsync(Bound);

        Assert.Equal("1", pressed.Digits);
        var invite = await phone.WaitForLineAsync("INVITE ", Bound);
        Assert.Contains("problem=1000-0042 escalation=1000-0042-E1", invite, StringComparison.Ordinal);
        await phone.WaitForLineAsync("RINGING ", Bound);
        await phone.WaitForLineAsync("ANSWERED ", Bound);
        await phone.WaitForLineAsync("DTMF call=", Bound);
        Assert.Contains("digit=1 via=rfc4733", phone.Lines.Single(l => l.Contains("DTMF", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("reason=RemoteHangup", await phone.WaitForLineAsync("ENDED ", Bound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAfter_HearsTheCallersAudio_CountsItsPackets()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-after 0", "--ack-after", "30");
        await using var desk = await DeskCaller.StartAsync();
        await using var leg = desk.Media.CreateSession();

        var call = desk.Call(phone.Port, leg);
        Assert.Equal(200, (await call.FinalResponse.WaitAsync(Bound)).StatusCode);
        Assert.True(DeskCaller.AcceptAnswer(call, leg));
        await leg.PlayAsync(desk.Media.Prompts.Digits("42")).WaitAsync(Bound);
        await call.HangupAsync().WaitAsync(Bound);

        var ended = await phone.WaitForLineAsync("ENDED ", Bound);
        long heard = long.Parse(ended[(ended.IndexOf("heard-packets=", StringComparison.Ordinal) + "heard-packets=".Length)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(heard > 10, ended);
        Assert.DoesNotContain(phone.Lines, l => l.Contains("DTMF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Busy_Refuses486()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "busy");
        await using var desk = await DeskCaller.StartAsync();
        await using var leg = desk.Media.CreateSession();

        var call = desk.Call(phone.Port, leg);

        Assert.Equal(486, (await call.FinalResponse.WaitAsync(Bound)).StatusCode);
        await phone.WaitForLineAsync("BUSY call=", Bound);
    }

    [Fact]
    public async Task Never_RingsUntilCancelled()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "never");
        await using var desk = await DeskCaller.StartAsync();
        await using var leg = desk.Media.CreateSession();
        var call = desk.Call(phone.Port, leg);
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Provisional += (_, response) =>
        {
            if (response.StatusCode == 180) ringing.TrySetResult();
        };

        await ringing.Task.WaitAsync(Bound);
        Assert.False(call.FinalResponse.IsCompleted);
        call.Cancel();

        Assert.Equal(487, (await call.FinalResponse.WaitAsync(Bound)).StatusCode);
        await phone.WaitForLineAsync("CANCELLED call=", Bound);
    }

    [Fact]
    public async Task AnswerNoAck_AnswersAndNeverPresses()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-no-ack", "--ack-after", "0.2");
        await using var desk = await DeskCaller.StartAsync();
        await using var leg = desk.Media.CreateSession();

        var call = desk.Call(phone.Port, leg);
        Assert.Equal(200, (await call.FinalResponse.WaitAsync(Bound)).StatusCode);
        Assert.True(DeskCaller.AcceptAnswer(call, leg));
        // Well past --ack-after: nothing pressed.
        var pressed = await leg.CollectDigitsAsync(new DigitCollectionOptions { MaxDigits = 1, Terminators = "", FirstDigitTimeout = TimeSpan.FromSeconds(2) }).WaitAsync(Bound);
        await call.HangupAsync().WaitAsync(Bound);

        Assert.Equal(DigitCollectionOutcome.FirstDigitTimeout, pressed.Outcome);
        await phone.WaitForLineAsync("ENDED ", Bound);
        Assert.DoesNotContain(phone.Lines, l => l.Contains("DTMF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behaviours_EachCallTakesTheNextScriptLine()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "busy", "--behaviour", "answer-after 0", "--ack-after", "30");
        await using var desk = await DeskCaller.StartAsync();
        await using var first = desk.Media.CreateSession();
        await using var second = desk.Media.CreateSession();

        var busy = desk.Call(phone.Port, first);
        Assert.Equal(486, (await busy.FinalResponse.WaitAsync(Bound)).StatusCode);
        var answered = desk.Call(phone.Port, second);
        Assert.Equal(200, (await answered.FinalResponse.WaitAsync(Bound)).StatusCode);
        await answered.HangupAsync().WaitAsync(Bound);

        Assert.Contains("n=2", await phone.WaitForLineAsync("behaviour=\"answer-after 0\"", Bound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxCall_NobodyHangsUp_TheSimulatorHangsUpItself()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-no-ack 0", "--max-call", "1");
        await using var desk = await DeskCaller.StartAsync();
        await using var leg = desk.Media.CreateSession();

        var call = desk.Call(phone.Port, leg);
        Assert.Equal(200, (await call.FinalResponse.WaitAsync(Bound)).StatusCode);

        Assert.Equal(CallEndReason.RemoteHangup, await call.Ended.WaitAsync(Bound));
        Assert.Contains("reason=LocalHangup", await phone.WaitForLineAsync("ENDED ", Bound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_BadOption_ExitsWith2AndSaysWhy()
    {
        var (exitCode, output) = await MfrPhoneProcess.RunToExitAsync("--host", "10.0.0.1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--host \"10.0.0.1\" is not a loopback address", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxRuntime_Elapsed_ExitsByItself()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--max-runtime", "1");

        await phone.WaitForLineAsync("STOPPING", Bound);
        for (var i = 0; i < 200 && !phone.HasExited; i++) await Task.Delay(50);
        Assert.True(phone.HasExited);
        Assert.Equal(0, phone.ExitCode);
    }
}
