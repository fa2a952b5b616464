using System.Globalization;
using System.Net;
using System.Text;
using CallRouter.Media;
using CallRouter.Media.Sdp;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Simulators.MfrPhone;

/// <summary>
/// The Mfr TS engineer's phone: a UAS from the product's SIP stack that treats each INVITE as its
/// script says — busy, ring forever, or answer and (unless told not to) press the acknowledgment
/// key as an RFC 4733 event (SIP INFO when the caller offered no telephone-event). Everything it
/// does is written as one line, so a test reading its output knows what happened.
/// </summary>
public sealed class MfrPhoneSimulator : IAsyncDisposable
{
    private readonly PhoneOptions _options;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly SipStack _sip;
    private readonly MediaEngine _media;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _writeGate = new();
    private int _calls;

    public MfrPhoneSimulator(PhoneOptions options, TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _log = log;
        _sip = new SipStack(new SipStackOptions
        {
            ListenAddresses = [new IPEndPoint(options.Host, options.Port).ToString()],
            UserAgent = "CallRouter-MfrPhone-Simulator",
            ContactUser = "mfr-ts",
        }, time);
        _media = new MediaEngine(new MediaEngineOptions
        {
            BindAddress = options.Host,
            PortRangeStart = options.RtpPortStart,
            PortRangeEnd = options.RtpPortEnd,
        }, time);
        _sip.OnInvite(HandleInviteAsync);
    }

    /// <summary>The UDP (and TCP) SIP address, once started.</summary>
    public IPEndPoint EndPoint => _sip.LocalEndPoints.First(e => e.Protocol == TransportProtocol.Udp).Address;

    public Task StartAsync() => _sip.StartAsync(_stop.Token);

    public void Write(string line)
    {
        lock (_writeGate)
        {
            _log.WriteLine($"{_time.GetUtcNow():HH:mm:ss.fff} {line}");
            _log.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
        await _sip.StopAsync(limit.Token).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task HandleInviteAsync(IncomingCall call, CancellationToken stopping)
    {
        int number = Interlocked.Increment(ref _calls);
        var behaviour = _options.BehaviourFor(number);
        string id = call.CallId;
        Write($"INVITE call={id} n={number} from={call.Remote.Address} problem={Header(call, "X-NS-Problem")} escalation={Header(call, "X-CallRouter-Escalation")} behaviour=\"{behaviour}\"");
        if (behaviour.Kind == PhoneBehaviourKind.Busy)
        {
            call.Reject(486);
            Write($"BUSY call={id}");
            return;
        }

        if (!SdpParser.TryParse(call.OfferSdp.Span, out var offer, out var error))
        {
            call.Reject(400, "Bad Request - Unreadable SDP");
            Write($"REFUSED call={id} status=400 reason=\"{error}\"");
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _stop.Token, call.Cancelled);
        call.Ring();
        Write($"RINGING call={id}");
        if (!await RingAsync(behaviour, linked.Token).ConfigureAwait(false))
        {
            Write(call.Cancelled.IsCancellationRequested ? $"CANCELLED call={id}" : $"STOPPED call={id} while ringing");
            return;
        }

        await using var leg = _media.CreateSession();
        var accepted = leg.AcceptOffer(offer);
        if (!accepted.IsAccepted)
        {
            call.Reject(accepted.StatusCode, "Not Acceptable Here");
            Write($"REFUSED call={id} status={accepted.StatusCode} reason=\"{accepted.Reason}\"");
            return;
        }

        await call.AnswerAsync(Encoding.ASCII.GetBytes(accepted.Answer!.ToString()), cancellationToken: linked.Token).ConfigureAwait(false);
        Write($"ANSWERED call={id}");
        await TalkAsync(call, leg, behaviour, id).ConfigureAwait(false);
        long received = leg.Statistics.PacketsReceived;
        string by = call.Ended.IsCompletedSuccessfully ? call.Ended.Result.ToString() : "unknown";
        Write($"ENDED call={id} reason={by} heard-packets={received.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Rings as scripted; false when the caller cancelled (or the simulator stops) first.</summary>
    private async Task<bool> RingAsync(PhoneBehaviour behaviour, CancellationToken cancellationToken)
    {
        try
        {
            var ringFor = behaviour.Kind == PhoneBehaviourKind.Never ? Timeout.InfiniteTimeSpan : behaviour.AnswerAfter;
            if (ringFor != TimeSpan.Zero)
            {
                await Task.Delay(ringFor, _time, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Listens, presses the key after --ack-after (unless scripted not to), and stays until either side hangs up or --max-call.</summary>
    private async Task TalkAsync(IncomingCall call, MediaSession leg, PhoneBehaviour behaviour, string id)
    {
        using var maxCall = new CancellationTokenSource(_options.MaxCall, _time);
        using var callOver = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, maxCall.Token);
        try
        {
            if (behaviour.Kind == PhoneBehaviourKind.AnswerAfter)
            {
                var first = await Task.WhenAny(call.Ended, Task.Delay(_options.AckAfter, _time, callOver.Token)).ConfigureAwait(false);
                if (first != call.Ended && !call.Ended.IsCompleted)
                {
                    await PressAsync(call, leg, id, callOver.Token).ConfigureAwait(false);
                }
            }

            await call.Ended.WaitAsync(callOver.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // --max-call or the simulator stopping: end the call ourselves.
            await call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task PressAsync(IncomingCall call, MediaSession leg, string id, CancellationToken cancellationToken)
    {
        char digit = _options.AckDigit;
        try
        {
            await leg.SendDigitAsync(digit, TimeSpan.FromMilliseconds(160), cancellationToken).ConfigureAwait(false);
            Write($"DTMF call={id} digit={digit} via=rfc4733");
        }
        catch (InvalidOperationException)
        {
            // The caller offered no telephone-event: the key goes as SIP INFO (application/dtmf-relay).
            var response = await call.SendInDialogAsync("INFO", b => b.Body("application/dtmf-relay",
                Encoding.ASCII.GetBytes($"Signal={digit}\r\nDuration=160\r\n")), cancellationToken).ConfigureAwait(false);
            Write($"DTMF call={id} digit={digit} via=info status={response.StatusCode.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static string Header(IncomingCall call, string name)
    {
        var value = call.GetHeader(name) ?? "";
        // Printed inside a line a test parses: no spaces, no control characters.
        return new string(value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).Take(64).ToArray());
    }
}
