using System.Collections.Concurrent;
using CallRouter.Escalation.Ports;
using CallRouter.Media.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// The in-hours escalation call (SPEC R10, SOW-A 6.0 Mfr 4): the escalation heartbeat asks for a
/// call; the gateway dials the configured Mfr TS destination and returns the call reference as
/// soon as the INVITE is on its way — the heartbeat never waits for the ringing. In the
/// background the call rings, at most <see cref="ManufacturerPhoneOptions.RingTimeout"/>; busy,
/// no answer or any failure is reported to the core (EscalationService.ReportCallOutcome), which
/// records a failed contact and retries while its 15-minute window runs. An answer is reported
/// too (the contact is delivered), then the case is announced until the engineer presses the
/// acknowledgment key, which is recorded through the core's escalation service as the response.
/// A destination outside the dial plan or a call the SIP stack cannot start is refused at once
/// (<see cref="ContactChannelException"/>).
/// </summary>
public sealed class SipManufacturerPhoneChannel : IManufacturerPhoneChannel, IAsyncDisposable
{
    private const string Channel = "phone";

    /// <summary>How long to wait for the 487 after our CANCEL before giving the attempt up anyway.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    private readonly IManufacturerDialer _dialer;
    private readonly IEscalationResponses _responses;
    private readonly ManufacturerPhoneOptions _options;
    private readonly ManufacturerDestinations _destinations;
    private readonly AcknowledgementDialogue _dialogue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _calls = new(StringComparer.Ordinal);

    public SipManufacturerPhoneChannel(IManufacturerDialer dialer, IEscalationResponses responses, ManufacturerPhoneOptions options,
        TimeProvider time, ILogger<SipManufacturerPhoneChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dialer = dialer ?? throw new ArgumentNullException(nameof(dialer));
        _responses = responses ?? throw new ArgumentNullException(nameof(responses));
        _options = options;
        _destinations = new ManufacturerDestinations(options.Destinations);
        _dialogue = new AcknowledgementDialogue(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<SipManufacturerPhoneChannel>.Instance;
    }

    /// <summary>Calls ringing, being announced or being recorded (for tests and shutdown).</summary>
    internal int CallsInProgress => _calls.Count;

    public Task<string> PlaceCallAsync(PhoneCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_destinations.TryResolve(request.Destination, out var destination, out var error))
        {
            ManufacturerPhoneLog.NotPlaced(_logger, request.EscalationId, error);
            return Task.FromException<string>(new ContactChannelException(Channel, error));
        }

        ManufacturerPhoneLog.Calling(_logger, request.EscalationId, destination!.Number, destination.Target.ToString(), request.ProblemNumber);
        IManufacturerCallLeg leg;
        try
        {
            leg = _dialer.Dial(destination, HeadersFor(request));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            ManufacturerPhoneLog.NotPlaced(_logger, request.EscalationId, e.Message);
            return Task.FromException<string>(new ContactChannelException(Channel, $"the gateway cannot place the call to {destination.Number}: {e.Message}", inner: e));
        }

        // The call goes on in the background: ringing, outcome report, announcement, recording.
        // The ring time-out starts now, with the INVITE, not whenever the background task first runs.
        var ringing = RingAsync(leg, _stopping.Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[leg.CallId] = RunCallAsync(request, destination, leg, ringing, gate.Task);
        gate.SetResult();
        return Task.FromResult(leg.CallId);
    }

    /// <summary>Rings; reports the outcome to the core; when answered, announces the case and records the acknowledgment.</summary>
    private async Task RunCallAsync(PhoneCallRequest request, ManufacturerDestination destination, IManufacturerCallLeg leg, Task<int> ringing, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            int status;
            try
            {
                status = await ringing.ConfigureAwait(false);
            }
            catch
            {
                await leg.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (status is < 200 or >= 300)
            {
                string reason = Describe(status, destination.Number);
                ManufacturerPhoneLog.CallFailed(_logger, request.EscalationId, leg.CallId, destination.Number, status, reason);
                await leg.DisposeAsync().ConfigureAwait(false);
                await ReportAsync(new CallOutcomeReport(request.EscalationId, request.Token, leg.CallId, reason)).ConfigureAwait(false);
                return;
            }

            ManufacturerPhoneLog.Answered(_logger, request.EscalationId, leg.CallId, destination.Number);
            await ReportAsync(new CallOutcomeReport(request.EscalationId, request.Token, leg.CallId, Reason: null)).ConfigureAwait(false);
            await AnnounceAndRecordAsync(request, destination, leg).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Gateway shutting down: the core places the call again if no outcome reached it.
        }
        catch (Exception e)
        {
            // The call broke off (media, SIP); the escalation's window still runs, so nothing is lost.
            ManufacturerPhoneLog.DialogueFailed(_logger, e, request.EscalationId, leg.CallId);
        }
        finally
        {
            _calls.TryRemove(leg.CallId, out _);
        }
    }

    /// <summary>Waits until every call has rung out, reported its outcome and finished its announcement and recording.</summary>
    internal Task WhenCallsDoneAsync() => Task.WhenAll(_calls.Values);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await WhenCallsDoneAsync().ConfigureAwait(false);
        }
        finally
        {
            _stopping.Dispose();
        }
    }

    /// <summary>Rings until a final status or the ring time-out; after the time-out the call is CANCELled and counts as 408.</summary>
    private async Task<int> RingAsync(IManufacturerCallLeg leg, CancellationToken cancellationToken)
    {
        using var ringing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeUp = Task.Delay(_options.RingTimeout, _time, ringing.Token);
        var first = await Task.WhenAny(leg.Outcome, timeUp).ConfigureAwait(false);
        if (first == leg.Outcome)
        {
            await ringing.CancelAsync().ConfigureAwait(false);
            return await leg.Outcome.ConfigureAwait(false);
        }

        // Wait (bounded) for the 487 so the dialog is cleaned up; an answer that crossed the CANCEL is hung up.
        // A gateway shutting down sends the CANCEL and waits for nothing.
        var grace = Task.Delay(CancelGrace, _time, CancellationToken.None);
        leg.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        var settled = await Task.WhenAny(leg.Outcome, grace).ConfigureAwait(false);
        if (settled == leg.Outcome && leg.Outcome.Result is >= 200 and < 300)
        {
            await leg.HangupAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return 408;
    }

    private async Task AnnounceAndRecordAsync(PhoneCallRequest request, ManufacturerDestination destination, IManufacturerCallLeg leg)
    {
        await using (leg.ConfigureAwait(false))
        {
            using var callOver = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            CancelWhenEnded(leg.Ended, callOver);
            var outcome = await _dialogue.RunAsync(leg.Ear, request.ProblemNumber, callOver.Token).ConfigureAwait(false);
            ManufacturerPhoneLog.DialogueEnded(_logger, request.EscalationId, leg.CallId, outcome);
            if (outcome == AcknowledgementOutcome.Acknowledged)
            {
                await RecordAsync(request.EscalationId, $"{_options.ResponderName} ({destination.Number})").ConfigureAwait(false);
                await SayGoodbyeAsync(leg, callOver.Token).ConfigureAwait(false);
            }

            await leg.HangupAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Records the acknowledgment, retrying with doubling waits while the core is unreachable.</summary>
    private Task RecordAsync(string escalationId, string responder) =>
        DeliverAsync(escalationId, "acknowledgment", () => _responses.RecordResponseAsync(escalationId, responder, "DTMF", _stopping.Token));

    /// <summary>Reports how the call ended up, retrying likewise; a lost report is not fatal (the core calls again after its outcome time-out).</summary>
    private Task ReportAsync(CallOutcomeReport report) =>
        DeliverAsync(report.EscalationId, report.Answered ? "answered" : "call failed", () => _responses.ReportCallOutcomeAsync(report, _stopping.Token));

    private async Task DeliverAsync(string escalationId, string what, Func<Task<ResponseRecording>> send)
    {
        var wait = _options.RecordRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var result = await send().ConfigureAwait(false);
            if (result.Recorded)
            {
                ManufacturerPhoneLog.ResponseRecorded(_logger, escalationId, what, result.Detail);
                return;
            }

            ManufacturerPhoneLog.ResponseNotRecorded(_logger, escalationId, what, attempt, result.Detail);
            if (!result.Retryable || attempt >= _options.RecordAttempts)
            {
                return;
            }

            await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(false);
            wait += wait;
        }
    }

    private static async Task SayGoodbyeAsync(IManufacturerCallLeg leg, CancellationToken cancellationToken)
    {
        try
        {
            await leg.Ear.PlayAsync(Prompt.Of(PromptIds.Goodbye), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The engineer hung up first.
        }
    }

    /// <summary>The engineer's hang-up (or any end of the call) stops the announcement.</summary>
    private static void CancelWhenEnded(Task ended, CancellationTokenSource callOver) =>
        _ = ended.ContinueWith(_ =>
        {
            try
            {
                callOver.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The dialogue finished first.
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>The case travels with the call too, for phones that show it.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> HeadersFor(PhoneCallRequest request)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("X-NS-Problem", Clean(request.ProblemNumber, 32)),
            new("X-CallRouter-Escalation", Clean(request.EscalationId, 64)),
        };
        string subject = Clean(request.Message, 200);
        if (subject.Length > 0) headers.Add(new("Subject", subject));
        return headers;
    }

    /// <summary>Header values from escalation text: no control characters (no header injection), bounded length.</summary>
    private static string Clean(string? text, int max)
    {
        var kept = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return kept.Length <= max ? kept : kept[..max];
    }

    private string Describe(int status, string number) => status switch
    {
        408 or 487 => $"no answer from {number} within {_options.RingTimeout.TotalSeconds:0} s",
        486 or 600 => $"{number} is busy ({status})",
        603 => $"{number} declined the call (603)",
        488 => $"{number} answered without usable audio (488); the engineer could not acknowledge",
        404 or 480 or 410 => $"{number} is not available ({status})",
        _ => $"the call to {number} failed with {status}",
    };
}
