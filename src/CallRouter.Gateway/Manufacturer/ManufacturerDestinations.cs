using CallRouter.Sip.Message;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// The gateway's dial plan for escalation calls: an escalation names a number (or the SIP URI
/// itself), and only an entry of <see cref="ManufacturerPhoneOptions.Destinations"/> turns it
/// into something dialled. Hosts must be IP addresses — the stack does no DNS — so the set of
/// reachable destinations is exactly what the configuration lists.
/// </summary>
public sealed class ManufacturerDestinations
{
    private readonly IReadOnlyDictionary<string, string> _destinations;

    public ManufacturerDestinations(IReadOnlyDictionary<string, string> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        _destinations = destinations;
    }

    /// <summary>Finds the configured destination for <paramref name="address"/>; otherwise says why not.</summary>
    public bool TryResolve(string address, out ManufacturerDestination? destination, out string error)
    {
        destination = null;
        string wanted = (address ?? "").Trim();
        if (wanted.Length == 0)
        {
            error = "the escalation gave no number to call";
            return false;
        }

        // A configured number, or a configured URI named directly (the configuration may list either side).
        var entry = _destinations.FirstOrDefault(d => string.Equals(d.Key.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
        if (entry.Key is null)
        {
            entry = _destinations.FirstOrDefault(d => string.Equals(d.Value?.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
        }

        if (entry.Key is null)
        {
            error = $"{wanted} is not a configured Mfr TS destination (CallRouter:Gateway:ManufacturerPhone:Destinations); the gateway calls no other number";
            return false;
        }

        string uriText = (entry.Value ?? "").Trim();
        if (!SipUri.TryParse(uriText, out var target) || target is null || target.Scheme != UriScheme.Sip)
        {
            error = $"the destination configured for {entry.Key} (\"{uriText}\") is not a sip: URI";
            return false;
        }

        if (!AgentContactResolver.TryEndPoint(target, out var endPoint))
        {
            error = $"the destination configured for {entry.Key} ({uriText}) needs an IP address as its host; the gateway does no DNS";
            return false;
        }

        destination = new ManufacturerDestination(entry.Key.Trim(), target, endPoint);
        error = "";
        return true;
    }
}
