using CallRouter.Escalation.Ports;
using CallRouter.Gateway.Manufacturer;
using CallRouter.Media.Audio;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>The in-hours escalation call with a scripted phone, engineer and core, on a fake clock.</summary>
public sealed class SipManufacturerPhoneChannelTests
{
    private const string MfrNumber = "+18005550100";
    private const string Token = "0-5f1c";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
    private readonly FakeManufacturerDialer _dialer = new();
    private readonly FakeEscalationResponses _responses;
    private readonly ManufacturerPhoneOptions _options = new()
    {
        Destinations = { [MfrNumber] = "sip:mfr-ts@127.0.0.1:5090" },
        RingTimeout = TimeSpan.FromSeconds(30),
    };

    public SipManufacturerPhoneChannelTests() => _responses = new FakeEscalationResponses(_time);

    private static PhoneCallRequest Request(string destination = MfrNumber, string message = "Case 1000-0015: NS10 reboots. Call Help desk at +18005550199") =>
        new("1000-0015-E1", "1000-0015", destination, message, Token);

    private SipManufacturerPhoneChannel Channel() => new(_dialer, _responses, _options, _time);

    /// <summary>Lets continuations of the fake clock's timers run; bounded, never a timed wait.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(1);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task PlaceCall_NumberNotConfigured_RefusedWithoutDialling()
    {
        await using var channel = Channel();

        var refused = await Assert.ThrowsAsync<ContactChannelException>(() => channel.PlaceCallAsync(Request("+19005551234"), CancellationToken.None));

        Assert.Equal("phone", refused.Channel);
        Assert.Contains("+19005551234 is not a configured Mfr TS destination", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_dialer.Dialled);
    }

    [Fact]
    public async Task PlaceCall_Busy_ReturnsOnceDialledThenReports486ToTheCoreAndRecordsNothing()
    {
        var leg = new FakeManufacturerCallLeg("call-busy", new ScriptedEngineerEar());
        _dialer.Will(leg);
        await using var channel = Channel();

        string reference = await channel.PlaceCallAsync(Request(), CancellationToken.None).WaitAsync(Bound);
        Assert.Empty(_responses.ReportsSoFar);
        leg.Finish(486);
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.Equal("call-busy", reference);
        var report = Assert.Single(_responses.ReportsSoFar);
        Assert.Equal(("1000-0015-E1", Token, "call-busy", false), (report.EscalationId, report.Token, report.CallReference, report.Answered));
        Assert.Equal($"{MfrNumber} is busy (486)", report.Reason);
        Assert.True(leg.Disposed);
        Assert.Equal(0, _responses.CallCount);
    }

    [Fact]
    public async Task PlaceCall_NoAnswerWithinRingTimeout_ReturnedAtOnceThenCancelsAndReportsNoAnswer()
    {
        var leg = new FakeManufacturerCallLeg("call-ringing", new ScriptedEngineerEar());
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        // The escalation heartbeat is not held while the phone rings: the call reference is back before any ringing time passed.
        Assert.True(placing.IsCompletedSuccessfully);
        Assert.Equal("call-ringing", await placing);
        // 29.9 s of ringing: still ringing, nothing cancelled, nothing reported.
        _time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.False(leg.Cancelled);
        Assert.Empty(_responses.ReportsSoFar);
        // 30 s: CANCEL; the phone answers 487 and the core hears "no answer".
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.True(leg.Cancelled);
        var (report, at) = Assert.Single(_responses.Reports);
        Assert.Equal($"no answer from {MfrNumber} within 30 s", report.Reason);
        Assert.Equal(_time.GetUtcNow(), at);
    }

    [Fact]
    public async Task PlaceCall_CancelNeverAnswered_ReportsNoAnswerAfterTheGraceAnyway()
    {
        var leg = new FakeManufacturerCallLeg("call-deaf", new ScriptedEngineerEar()) { AnswersCancelWith487 = false };
        _dialer.Will(leg);
        await using var channel = Channel();

        await channel.PlaceCallAsync(Request(), CancellationToken.None).WaitAsync(Bound);
        _time.Advance(TimeSpan.FromSeconds(30));
        await UntilAsync(() => leg.Cancelled);
        Assert.Empty(_responses.ReportsSoFar);
        // A phone that ignores CANCEL: 5 s later the attempt is reported failed anyway.
        _time.Advance(TimeSpan.FromSeconds(5));
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.Contains("no answer", Assert.Single(_responses.ReportsSoFar).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceCall_DialerCannotCall_FailsAsAChannelError()
    {
        _dialer.Failure = new InvalidOperationException("the SIP stack is not started");
        await using var channel = Channel();

        var refused = await Assert.ThrowsAsync<ContactChannelException>(() => channel.PlaceCallAsync(Request(), CancellationToken.None));

        Assert.Contains("the SIP stack is not started", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceCall_Answered_ReturnsCallIdAnnouncesTheCaseAndRecordsTheDtmfAcknowledgment()
    {
        var ear = new ScriptedEngineerEar().Presses('1');
        var leg = new FakeManufacturerCallLeg("call-42", ear);
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        leg.Finish(200);
        string reference = await placing.WaitAsync(Bound);
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.Equal("call-42", reference);
        var answered = Assert.Single(_responses.ReportsSoFar);
        Assert.Equal((Token, "call-42", true), (answered.Token, answered.CallReference, answered.Answered));
        Assert.Equal([Prompt.ProblemNumberReadBackId, PromptIds.SeverityConfirm, PromptIds.Goodbye], ear.HeardIds());
        Assert.Equal("1000-0015", ear.Heard[0].Digits);
        var recorded = Assert.Single(_responses.Calls);
        Assert.Equal(("1000-0015-E1", $"Mfr TS engineer ({MfrNumber})", "DTMF"), (recorded.EscalationId, recorded.Responder, recorded.Via));
        Assert.Equal(1, leg.Hangups);
        Assert.Equal(0, channel.CallsInProgress);
    }

    [Fact]
    public async Task PlaceCall_Answered_DialsOnlyTheConfiguredUriWithTheCaseInHeaders()
    {
        var leg = new FakeManufacturerCallLeg("call-h", new ScriptedEngineerEar().Presses('1'));
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(message: "NS10 down\r\nX-Evil: injected"), CancellationToken.None);
        leg.Finish(200);
        await placing.WaitAsync(Bound);
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        var (destination, headers) = Assert.Single(_dialer.Dialled);
        Assert.Equal("sip:mfr-ts@127.0.0.1:5090", destination.Target.ToString());
        Assert.Equal(5090, destination.EndPoint.Address.Port);
        Assert.Contains(new KeyValuePair<string, string>("X-NS-Problem", "1000-0015"), headers);
        Assert.Contains(new KeyValuePair<string, string>("X-CallRouter-Escalation", "1000-0015-E1"), headers);
        Assert.Contains(new KeyValuePair<string, string>("Subject", "NS10 downX-Evil: injected"), headers);
    }

    [Fact]
    public async Task Answered_EngineerAsksForRepeatThenAccepts_CaseAnnouncedTwiceAndRecordedOnce()
    {
        var ear = new ScriptedEngineerEar().Presses('2').Presses('1');
        var leg = new FakeManufacturerCallLeg("call-r", ear);
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        leg.Finish(200);
        await placing.WaitAsync(Bound);
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.Equal(2, ear.HeardIds().Count(id => id == Prompt.ProblemNumberReadBackId));
        Assert.Single(_responses.Calls);
    }

    [Fact]
    public async Task Answered_NeverAcknowledged_HangsUpAfterEveryAnnouncementWithoutRecording()
    {
        var ear = new ScriptedEngineerEar().StaysSilent().Presses('7').StaysSilent();
        var leg = new FakeManufacturerCallLeg("call-silent", ear);
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        leg.Finish(200);
        await placing.WaitAsync(Bound);
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.Equal(_options.MaxAnnouncements, ear.HeardIds().Count(id => id == Prompt.ProblemNumberReadBackId));
        Assert.Contains(PromptIds.InvalidEntry, ear.HeardIds());
        Assert.DoesNotContain(PromptIds.Goodbye, ear.HeardIds());
        Assert.Equal(0, _responses.CallCount);
        Assert.Equal(1, leg.Hangups);
    }

    [Fact]
    public async Task Answered_EngineerHangsUpDuringTheAnnouncement_NothingRecorded()
    {
        var ear = new ScriptedEngineerEar { HangsUpWhilePlaying = true };
        var leg = new FakeManufacturerCallLeg("call-gone", ear);
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        leg.Finish(200);
        await placing.WaitAsync(Bound);
        Assert.Equal(1, channel.CallsInProgress);
        leg.RemoteHangup();
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);

        Assert.Equal(0, _responses.CallCount);
        Assert.Equal(0, leg.Hangups);
        Assert.True(leg.Disposed);
    }

    [Fact]
    public async Task Acknowledged_CoreUnavailable_RetriedAfterTheRetryDelayUntilRecorded()
    {
        _responses.Answers(ResponseRecording.TryAgain("Unavailable: connection refused")).Answers(ResponseRecording.Done("Responded"));
        var leg = new FakeManufacturerCallLeg("call-retry", new ScriptedEngineerEar().Presses('1'));
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        leg.Finish(200);
        await placing.WaitAsync(Bound);
        // The first attempt fails at once; step the clock until the retry has been made (bounded).
        await UntilAsync(() => _responses.CallCount == 1);
        for (var step = 0; step < 200 && _responses.CallCount < 2; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        await channel.WhenCallsDoneAsync().WaitAsync(Bound);
        Assert.Equal(2, _responses.CallCount);
        Assert.True(_responses.Calls[1].At - _responses.Calls[0].At >= _options.RecordRetryDelay);
    }

    [Fact]
    public async Task Acknowledged_CoreRefuses_NotRetried()
    {
        _responses.Answers(ResponseRecording.Refused("FailedPrecondition: already answered"));
        var leg = new FakeManufacturerCallLeg("call-refused", new ScriptedEngineerEar().Presses('1'));
        _dialer.Will(leg);
        await using var channel = Channel();

        var placing = channel.PlaceCallAsync(Request(), CancellationToken.None);
        leg.Finish(200);
        await placing.WaitAsync(Bound);
        await channel.WhenCallsDoneAsync().WaitAsync(Bound);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, _responses.CallCount);
        Assert.Equal(1, leg.Hangups);
    }
}
