using System.Globalization;
using CallRouter.Contracts.V1;
using CallRouter.Escalation.Tests;
using Xunit.Abstractions;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// Issue 7 "Done when", in hours: the real server (core, escalation and SIP gateway) and the Mfr TS
/// phone simulator as processes. Mfr business hours are "always" (UTC, no holidays) so the test
/// is in hours whatever the real time; the gateway's only Mfr TS destination is the simulator.
/// A case is escalated over gRPC → the gateway phones the simulator → the engineer presses 1
/// (RFC 4733) → the escalation shows Responded with its response time. And the engineer who never
/// answers: each attempt is recorded as a failed contact, the window lapses, the on-call chain is paged.
/// </summary>
public sealed class InHoursEscalationEndToEndTests(ITestOutputHelper output)
{
    private const string MfrNumber = "+18005550100";
    private static readonly TimeSpan RealBound = TimeSpan.FromSeconds(90);

    private static Dictionary<string, string> InHoursSettings(MfrPhoneProcess phone, int snppPort) => new()
    {
        ["CallRouter__Escalation__Schedule__TimeZoneId"] = "Etc/UTC",
        ["CallRouter__Escalation__Schedule__BusinessHours"] = "always",
        // The shipped holidays would make Thanksgiving "out of hours": replace them with days long past.
        ["CallRouter__Escalation__Schedule__Holidays__0"] = "2000-01-03 test",
        ["CallRouter__Escalation__Schedule__Holidays__1"] = "2000-01-04 test",
        ["CallRouter__Escalation__Snpp__Port"] = snppPort.ToString(CultureInfo.InvariantCulture),
        [$"CallRouter__Gateway__ManufacturerPhone__Destinations__{MfrNumber}"] = phone.SipUri,
    };

    [Fact]
    public async Task InHours_EngineerAcknowledgesByDtmf_EscalationRespondedWithItsResponseTime()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "answer-after 1", "--ack-after", "4", "--ack-digit", "1");
        await using var desk = await EscalationDesk.StartAsync(InHoursSettings(phone, LoopbackPorts.Free()));
        string number = await desk.NewCaseAsync("inhours-ack");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));

        Contracts.V1.Escalation started = await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS100 drops VPN tunnels" }, deadline: EscalationDesk.Deadline());

        Assert.Equal("MANUFACTURER_PHONE", started.Path);
        Assert.Equal(("Mfr TS", "PHONE", MfrNumber), (started.Contacts[0].Name, started.Contacts[0].Channel, started.Contacts[0].Address));
        // The desk's call reaches the phone with the case on it; the engineer answers and presses 1.
        string invite = await phone.WaitForLineAsync("INVITE ", RealBound);
        Assert.Contains($"problem={number} escalation={started.Id}", invite, StringComparison.Ordinal);
        await phone.WaitForLineAsync("DTMF call=", RealBound);
        var responded = await desk.WaitForEscalationAsync(number, e => e.State == "Responded", RealBound);
        // After the acknowledgment the gateway says goodbye and hangs up; the phone heard the announcement.
        string ended = await phone.WaitForLineAsync("ENDED ", RealBound);
        output.WriteLine(string.Join('\n', phone.Lines));

        Assert.Equal($"Mfr TS engineer ({MfrNumber})", responded.Responder);
        Assert.NotNull(responded.RespondedAt);
        var delivered = Assert.Single(responded.History, h => h.Kind == "ContactDelivered");
        Assert.Contains($"to {MfrNumber}", delivered.Detail, StringComparison.Ordinal);
        var response = Assert.Single(responded.History, h => h.Kind == "Responded");
        Assert.NotNull(response.ResponseTime);
        var responseTime = response.ResponseTime.ToTimeSpan();
        output.WriteLine($"response time {responseTime.TotalSeconds:0.0} s");
        // Measured from the first contact (SOW-A 6.1 item 3): the call, the announcement and the key press, well within 15 minutes.
        Assert.InRange(responseTime, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        Assert.Equal(responded.RespondedAt.ToDateTimeOffset() - responded.FirstContactAt.ToDateTimeOffset(), responseTime);
        Assert.DoesNotContain(responded.History, h => h.Kind is "ContactFailed" or "NoResponse");
        Assert.Contains("reason=RemoteHangup", ended, StringComparison.Ordinal);
        long heard = long.Parse(ended[(ended.IndexOf("heard-packets=", StringComparison.Ordinal) + "heard-packets=".Length)..], CultureInfo.InvariantCulture);
        Assert.True(heard > 100, $"the phone heard only {heard} RTP packets of announcement");
        // The case's history carries the response and its time too.
        var detail = await desk.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationResponded"), RealBound);
        Assert.Equal(CaseState.EscalatedToManufacturer, detail.Case.State);
        var onCase = detail.History.Single(h => h.Action == "EscalationResponded");
        output.WriteLine($"case history: {onCase.Detail}");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(response after {responseTime:hh\\:mm\\:ss})"), onCase.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InHours_PhoneNeverAnswered_AttemptsRecordedFailedAndWindowLapsesIntoTheOnCallChain()
    {
        await using var phone = await MfrPhoneProcess.StartAsync("--behaviour", "never");
        int snppPort = LoopbackPorts.Free();
        await using var ptas = await PtasSimulatorProcess.StartAsync("--port", $"{snppPort}", "--give-up-after", "0", "--engineer", "* never");
        var settings = InHoursSettings(phone, snppPort);
        // A short window (25 s instead of 15 min), a 4-second ring and quick retries keep the test under a minute.
        settings["CallRouter__Escalation__InHoursResponseWindow"] = "00:00:25";
        settings["CallRouter__Escalation__RetryInitialDelay"] = "00:00:02";
        settings["CallRouter__Gateway__ManufacturerPhone__RingTimeout"] = "00:00:04";
        await using var desk = await EscalationDesk.StartAsync(settings);
        string number = await desk.NewCaseAsync("inhours-never");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));

        Contracts.V1.Escalation started = await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS10 kernel panic" }, deadline: EscalationDesk.Deadline());

        Assert.Equal("MANUFACTURER_PHONE", started.Path);
        // The first failed attempt, whatever it says (a call refused at once would show here, with the server's output).
        var failed = await desk.WaitForEscalationAsync(number, e => e.History.Any(h => h.Kind == "ContactFailed"), RealBound);
        var firstFailure = failed.History.First(h => h.Kind == "ContactFailed");
        Assert.True(firstFailure.Detail.Contains($"no answer from {MfrNumber} within 4 s", StringComparison.Ordinal),
            $"first failed attempt: {firstFailure.Detail}\nServer output:\n{desk.Server.Output}");
        await phone.WaitForLineAsync("CANCELLED call=", RealBound);
        Assert.Equal((0, "AwaitingResponse"), (failed.ContactIndex, failed.State));

        // The window lapses into the on-call chain: the silence is recorded and the on-call engineer paged.
        var lapsed = await desk.WaitForEscalationAsync(number, e => e.History.Any(h => h.Kind == "NoResponse") && e.ContactIndex == 1, RealBound);
        await ptas.WaitForLineAsync("pager=8887900", RealBound);
        output.WriteLine(string.Join('\n', lapsed.History.Select(h => $"{h.At.ToDateTimeOffset():HH:mm:ss.fff} {h.Kind} {h.Detail}")));

        var due = started.ResponseDueAt.ToDateTimeOffset();
        var silence = Assert.Single(lapsed.History, h => h.Kind == "NoResponse").At.ToDateTimeOffset();
        // On time: the heartbeat may be ringing the phone (4 s and the CANCEL) when the window ends, so allow a few seconds.
        Assert.InRange(silence, due, due.AddSeconds(15));
        // Nothing was delivered before the silence: the phone never answered.
        Assert.DoesNotContain(lapsed.History, h => h.Kind == "ContactDelivered" && h.At.ToDateTimeOffset() < silence);
        Assert.DoesNotContain(lapsed.History, h => h.Kind is "Responded");
        Assert.True(phone.Lines.Count(l => l.Contains("CANCELLED call=", StringComparison.Ordinal)) >= 1);
        Assert.DoesNotContain(phone.Lines, l => l.Contains("ANSWERED", StringComparison.Ordinal));
        var detail = await desk.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationNoResponse"), RealBound);
        Assert.Contains(detail.History, h => h.Action == "EscalationContactFailed");
    }
}
