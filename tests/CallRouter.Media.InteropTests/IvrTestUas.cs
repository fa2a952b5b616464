using System.Net;
using System.Text;
using CallRouter.Media.Dtmf;
using CallRouter.Media.Sdp;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Media.InteropTests;

/// <summary>
/// A one-call IVR built from the product's stacks: <see cref="SipStack"/> answers the INVITE with
/// the SDP answer of a <see cref="MediaSession"/>, runs an IVR step on it (play, collect digits from
/// RFC 4733 events or SIP INFO fed to <see cref="MediaSession.HandleSipInfo"/>), and waits for the hang-up.
/// </summary>
internal sealed class IvrTestUas : IAsyncDisposable
{
    private readonly SipStack _sip;
    private readonly Func<MediaSession, CancellationToken, Task<DigitCollectionResult>> _ivr;
    private readonly CancellationTokenSource _stop = new();
    private MediaSession? _session;
    private int _infoRequests;

    private IvrTestUas(SipStack sip, MediaEngine media, Func<MediaSession, CancellationToken, Task<DigitCollectionResult>> ivr)
    {
        _sip = sip;
        Media = media;
        _ivr = ivr;
        _sip.OnInvite(HandleInviteAsync);
    }

    public MediaEngine Media { get; }

    public int Port => _sip.LocalEndPoints.First(e => e.Protocol == TransportProtocol.Udp).Address.Port;

    /// <summary>The answered call's media leg (null before the INVITE).</summary>
    public MediaSession? Session => Volatile.Read(ref _session);

    /// <summary>What the IVR step returned: the digit collector's result.</summary>
    public TaskCompletionSource<DigitCollectionResult> Collected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How the SIP call ended.</summary>
    public TaskCompletionSource<CallEndReason> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Number of SIP INFO requests the call received.</summary>
    public int InfoRequests => Volatile.Read(ref _infoRequests);

    /// <summary>Starts the UAS; <paramref name="ivr"/> runs on the answered call's media leg (play, collect).</summary>
    public static async Task<IvrTestUas> StartAsync(Func<MediaSession, CancellationToken, Task<DigitCollectionResult>> ivr)
    {
        var sip = new SipStack(new SipStackOptions { ListenAddresses = ["127.0.0.1:0"], EnableTcp = false });
        // RTP on a free even pair of a high range; the allocator skips ports other processes hold.
        var media = new MediaEngine(new MediaEngineOptions { BindAddress = IPAddress.Loopback, PortRangeStart = 41000, PortRangeEnd = 41999 }, TimeProvider.System);
        var uas = new IvrTestUas(sip, media, ivr);
        await sip.StartAsync();
        return uas;
    }

    private async Task HandleInviteAsync(IncomingCall call, CancellationToken stopping)
    {
        if (!SdpParser.TryParse(call.OfferSdp.Span, out var offer, out var error))
        {
            call.Reject(400, "Bad SDP");
            Fail(new InvalidOperationException($"unparsable SDP offer: {error}"));
            return;
        }

        var leg = Media.CreateSession();
        var result = leg.AcceptOffer(offer);
        if (!result.IsAccepted)
        {
            call.Reject(result.StatusCode, "Not Acceptable Here");
            await leg.DisposeAsync();
            Fail(new InvalidOperationException($"offer refused: {result.Reason}"));
            return;
        }

        call.InfoReceived += (_, info) =>
        {
            Interlocked.Increment(ref _infoRequests);
            leg.HandleSipInfo(info.ContentType, Encoding.UTF8.GetString(info.Body.Span));
        };

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _stop.Token);
        try
        {
            call.Ring();
            await call.AnswerAsync(Encoding.ASCII.GetBytes(result.Answer!.ToString()), cancellationToken: linked.Token);
            Volatile.Write(ref _session, leg);
            Collected.TrySetResult(await _ivr(leg, linked.Token));
            Ended.TrySetResult(await call.Ended.WaitAsync(TimeSpan.FromSeconds(60), linked.Token));
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            await leg.DisposeAsync();
        }
    }

    private void Fail(Exception e)
    {
        Collected.TrySetException(e);
        Ended.TrySetException(e);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _sip.StopAsync(limit.Token);
        _stop.Dispose();
    }
}
