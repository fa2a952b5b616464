using System.Net;
using CallRouter.Escalation.Ports;
using CallRouter.Gateway.Manufacturer;
using CallRouter.Media;
using CallRouter.Sip.UserAgent;
using CallRouter.Testing;

namespace CallRouter.Simulators.MfrPhone.Tests;

/// <summary>
/// The gateway's escalation call as built — <see cref="SipManufacturerPhoneChannel"/> over the product's
/// SIP stack and media — against the simulator process, with the core's RecordResponse and
/// ReportCallOutcome recorded in memory.
/// </summary>
public sealed class GatewayCallAgainstSimulatorTests
{
    private const string MfrNumber = "+18005550100";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private sealed class RecordedResponses : IEscalationResponses
    {
        public TaskCompletionSource<(string EscalationId, string Responder, string Via)> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ResponseRecording> RecordResponseAsync(string escalationId, string responder, string via, CancellationToken cancellationToken)
        {
            First.TrySetResult((escalationId, responder, via));
            return Task.FromResult(ResponseRecording.Done("Responded"));
        }

        public TaskCompletionSource<CallOutcomeReport> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ResponseRecording> ReportCallOutcomeAsync(CallOutcomeReport report, CancellationToken cancellationToken)
        {
            Outcome.TrySetResult(report);
            return Task.FromResult(ResponseRecording.Done("AwaitingResponse"));
        }
    }

    private static async Task<(SipStack Sip, SipManufacturerPhoneChannel Channel)> GatewayAsync(MfrPhoneProcess phone, RecordedResponses responses, int announcements = 3)
    {
        var sip = new SipStack(new SipStackOptions { ListenAddresses = ["127.0.0.1:0"] });
        var (rtpStart, rtpEnd) = LoopbackPorts.FreeUdpBlock(200, 10000, 15000);
        var media = new MediaEngine(new MediaEngineOptions { BindAddress = IPAddress.Loopback, PortRangeStart = rtpStart, PortRangeEnd = rtpEnd }, TimeProvider.System);
        await sip.StartAsync();
        var options = new ManufacturerPhoneOptions
        {
            Destinations = { [MfrNumber] = phone.SipUri },
            RingTimeout = TimeSpan.FromSeconds(3),
            AcknowledgeTimeout = TimeSpan.FromSeconds(3),
            MaxAnnouncements = announcements,
        };
        return (sip, new SipManufacturerPhoneChannel(new SipManufacturerDialer(sip, media), responses, options, TimeProvider.System));
    }

    private static PhoneCallRequest Request() => new("1000-0042-E1", "1000-0042", MfrNumber, "NS10 reboots", "0-7a");

    [Fact]
    public async Task PlaceCall_EngineerPressesOne_AnsweredAnnouncedAndAcknowledgmentRecorded()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-after 0.5", "--ack-after", "2");
        var responses = new RecordedResponses();
        var (sip, channel) = await GatewayAsync(phone, responses);
        await using (sip)
        await using (channel)
        {
            string callId = await channel.PlaceCallAsync(Request(), CancellationToken.None).WaitAsync(Bound);
            var answered = await responses.Outcome.Task.WaitAsync(Bound);
            var recorded = await responses.First.Task.WaitAsync(Bound);
            string ended = await phone.WaitForLineAsync("ENDED ", Bound);

            Assert.Contains($"INVITE call={callId} ", await phone.WaitForLineAsync("INVITE ", Bound), StringComparison.Ordinal);
            Assert.Equal(("0-7a", callId, true), (answered.Token, answered.CallReference, answered.Answered));
            Assert.Equal(("1000-0042-E1", $"Mfr TS engineer ({MfrNumber})", "DTMF"), recorded);
            Assert.Contains("reason=RemoteHangup", ended, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlaceCall_PhoneBusy_PlacedThenReportedToTheCoreAs486()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "busy");
        var responses = new RecordedResponses();
        var (sip, channel) = await GatewayAsync(phone, responses);
        await using (sip)
        await using (channel)
        {
            string callId = await channel.PlaceCallAsync(Request(), CancellationToken.None).WaitAsync(Bound);
            var outcome = await responses.Outcome.Task.WaitAsync(Bound);

            Assert.Equal(("0-7a", callId, false), (outcome.Token, outcome.CallReference, outcome.Answered));
            Assert.Equal($"{MfrNumber} is busy (486)", outcome.Reason);
            Assert.False(responses.First.Task.IsCompleted);
        }
    }

    [Fact]
    public async Task PlaceCall_PhoneNeverAnswers_CancelledAfterTheRingTimeoutAndReportedAsNoAnswer()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "never");
        var responses = new RecordedResponses();
        var (sip, channel) = await GatewayAsync(phone, responses);
        await using (sip)
        await using (channel)
        {
            await channel.PlaceCallAsync(Request(), CancellationToken.None).WaitAsync(Bound);
            var outcome = await responses.Outcome.Task.WaitAsync(Bound);

            Assert.False(outcome.Answered);
            Assert.Equal($"no answer from {MfrNumber} within 3 s", outcome.Reason);
            await phone.WaitForLineAsync("CANCELLED call=", Bound);
        }
    }

    [Fact]
    public async Task PlaceCall_AnsweredButNoKey_HungUpAfterTheAnnouncementsWithoutRecording()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-no-ack 0");
        var responses = new RecordedResponses();
        var (sip, channel) = await GatewayAsync(phone, responses, announcements: 1);
        await using (sip)
        await using (channel)
        {
            await channel.PlaceCallAsync(Request(), CancellationToken.None).WaitAsync(Bound);

            // One announcement (about eight seconds) and three seconds of silence, then the gateway hangs up.
            Assert.Contains("reason=RemoteHangup", await phone.WaitForLineAsync("ENDED ", Bound), StringComparison.Ordinal);
            Assert.False(responses.First.Task.IsCompleted);
        }
    }
}
