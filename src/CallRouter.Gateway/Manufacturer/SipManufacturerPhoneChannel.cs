using System.Collections.Concurrent;
using CallRouter.Escalation.Ports;
using CallRouter.Media.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// The in-hours escalation call (SPEC R10, SOW-A 6.0 Mfr 4): the escalation heartbeat asks for a
/// call; the gateway dials the configured Mfr TS destination and waits, at most
/// <see cref="ManufacturerPhoneOptions.RingTimeout"/>, for an answer. Busy, no answer or any
/// failure is a <see cref="ContactChannelException"/> — recorded as a failed contact and retried
/// by the escalation while its 15-minute window runs, which then lapses into the on-call chain.
/// Once answered the call reference is returned (the contact is delivered) and the case is
/// announced in the background until the engineer presses the acknowledgment key, which is
/// recorded through the core's escalation service as the response.
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
    private readonly ConcurrentDictionary<string, Task> _answeredCalls = new(StringComparer.Ordinal);

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

    /// <summary>Calls answered and still being announced or recorded (for tests and shutdown).</summary>
    internal int CallsInProgress => _answeredCalls.Count;

    public async Task<string> PlaceCallAsync(PhoneCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_destinations.TryResolve(request.Destination, out var destination, out var error))
        {
            ManufacturerPhoneLog.NotPlaced(_logger, request.EscalationId, error);
            throw new ContactChannelException(Channel, error);
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
            throw new ContactChannelException(Channel, $"the gateway cannot place the call to {destination.Number}: {e.Message}", inner: e);
        }

        int status;
        try
        {
            status = await RingAsync(leg, cancellationToken).ConfigureAwait(false);
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
            throw new ContactChannelException(Channel, reason, status);
        }

        ManufacturerPhoneLog.Answered(_logger, request.EscalationId, leg.CallId, destination.Number);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _answeredCalls[leg.CallId] = AnnounceAndRecordAsync(request, destination, leg, gate.Task);
        gate.SetResult();
        return leg.CallId;
    }

    /// <summary>Waits until every answered call has finished its announcement and recording.</summary>
    internal Task WhenCallsDoneAsync() => Task.WhenAll(_answeredCalls.Values);

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
        var grace = Task.Delay(CancelGrace, _time, CancellationToken.None);
        leg.Cancel();
        var settled = await Task.WhenAny(leg.Outcome, grace).ConfigureAwait(false);
        if (settled == leg.Outcome && leg.Outcome.Result is >= 200 and < 300)
        {
            await leg.HangupAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return 408;
    }

    private async Task AnnounceAndRecordAsync(PhoneCallRequest request, ManufacturerDestination destination, IManufacturerCallLeg leg, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The call broke off (media, SIP); the escalation's window still runs, so nothing is lost.
            ManufacturerPhoneLog.DialogueFailed(_logger, e, request.EscalationId, leg.CallId);
        }
        catch (OperationCanceledException)
        {
            // Gateway shutting down.
        }
        finally
        {
            _answeredCalls.TryRemove(leg.CallId, out _);
        }
    }

    /// <summary>Records the acknowledgment, retrying with doubling waits while the core is unreachable.</summary>
    private async Task RecordAsync(string escalationId, string responder)
    {
        var wait = _options.RecordRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var result = await _responses.RecordResponseAsync(escalationId, responder, "DTMF", _stopping.Token).ConfigureAwait(false);
            if (result.Recorded)
            {
                ManufacturerPhoneLog.ResponseRecorded(_logger, escalationId, result.Detail);
                return;
            }

            ManufacturerPhoneLog.ResponseNotRecorded(_logger, escalationId, attempt, result.Detail);
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
