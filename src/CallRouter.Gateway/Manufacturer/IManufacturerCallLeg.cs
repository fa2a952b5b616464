namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// One outgoing call to Mfr TS as the escalation flow sees it: ringing until a final status, then
/// the engineer's ear and keypad. A seam so the flow is tested with a scripted phone.
/// </summary>
public interface IManufacturerCallLeg : IAsyncDisposable
{
    /// <summary>The SIP Call-ID, the gateway's call reference recorded with the escalation.</summary>
    string CallId { get; }

    /// <summary>
    /// The final status: 2xx once answered with usable media (then <see cref="Ear"/> works), otherwise
    /// the refusal (486 busy, 487 after our CANCEL, 408 no response, 488 no common media, ...).
    /// </summary>
    Task<int> Outcome { get; }

    /// <summary>Completes when the call is over, whoever ended it.</summary>
    Task Ended { get; }

    /// <summary>Prompts to the engineer and digits from the engineer (RFC 4733, SIP INFO as fallback).</summary>
    ICallerChannel Ear { get; }

    /// <summary>Stops ringing (CANCEL); the outcome becomes 487 unless an answer crossed it.</summary>
    void Cancel();

    /// <summary>Ends an answered call (BYE); does nothing once it is over.</summary>
    Task HangupAsync();
}
