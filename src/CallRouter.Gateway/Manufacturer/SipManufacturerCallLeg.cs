using System.Text;
using CallRouter.Media;
using CallRouter.Media.Audio;
using CallRouter.Media.Sdp;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// An escalation call over the product's SIP stack and media: INVITE with our SDP offer, the
/// answer's SDP accepted on the media leg, prompts played and RFC 4733 digits collected on it
/// (INFO digits fed to it as the fallback).
/// </summary>
internal sealed class SipManufacturerCallLeg : IManufacturerCallLeg
{
    private readonly OutgoingCall _call;
    private readonly MediaSession _media;

    private SipManufacturerCallLeg(OutgoingCall call, MediaSession media, PromptLibrary prompts)
    {
        _call = call;
        _media = media;
        Ear = new MediaCallerChannel(media, prompts);
        _call.InfoReceived += (_, info) => _media.HandleSipInfo(info.ContentType, Encoding.UTF8.GetString(info.Body.Span));
        Outcome = SettleAsync();
    }

    public string CallId => _call.CallId;

    public Task<int> Outcome { get; }

    public Task Ended => _call.Ended;

    public ICallerChannel Ear { get; }

    public static SipManufacturerCallLeg Start(SipStack sip, MediaEngine engine, ManufacturerDestination destination, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var media = engine.CreateSession();
        try
        {
            var call = sip.Call(new OutgoingCallOptions(destination.Target, destination.EndPoint)
            {
                Sdp = Encoding.ASCII.GetBytes(media.CreateOffer().ToString()),
                Headers = headers,
            });
            return new SipManufacturerCallLeg(call, media, engine.Prompts);
        }
        catch
        {
            _ = media.DisposeAsync().AsTask();
            throw;
        }
    }

    public void Cancel() => _call.Cancel();

    public async Task HangupAsync()
    {
        if (Outcome.IsCompletedSuccessfully && Outcome.Result is >= 200 and < 300 && !_call.Ended.IsCompleted)
        {
            await _call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HangupAsync().ConfigureAwait(false);
        await _media.StopPlaybackAsync().ConfigureAwait(false);
        await _media.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<int> SettleAsync()
    {
        var final = await _call.FinalResponse.ConfigureAwait(false);
        if (final.StatusCode is < 200 or >= 300)
        {
            return final.StatusCode;
        }

        if (!SdpParser.TryParse(_call.AnswerSdp.Span, out var answer, out _) || !_media.AcceptAnswer(answer).IsAccepted)
        {
            // Answered, but nothing we can play or hear DTMF on: the engineer cannot acknowledge.
            await _call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
            return 488;
        }

        return final.StatusCode;
    }
}
