namespace CallRouter.Gateway.Manufacturer;

/// <summary>Starts calls to configured Mfr TS destinations.</summary>
public interface IManufacturerDialer
{
    /// <summary>Sends the INVITE; the returned leg reports ringing, answer or refusal.</summary>
    /// <exception cref="InvalidOperationException">The gateway cannot place calls now (SIP stack not started, no media port).</exception>
    IManufacturerCallLeg Dial(ManufacturerDestination destination, IReadOnlyList<KeyValuePair<string, string>> headers);
}
