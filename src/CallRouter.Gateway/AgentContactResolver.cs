using System.Net;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Gateway;

/// <summary>
/// Where to ring an agent: the softphone's live registration first, else the contact the agent's console
/// gave. Only IP-literal contacts are dialled (the stack does no DNS), so nothing outside those is ever called.
/// </summary>
public static class AgentContactResolver
{
    public static bool TryResolve(Registrar? registrar, IEnumerable<string> domains, string agentId, string consoleContact,
        out SipUri target, out SipEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (registrar is not null)
        {
            foreach (var domain in domains)
            {
                var bindings = registrar.Lookup($"sip:{agentId}@{domain}".ToLowerInvariant());
                foreach (var binding in bindings.OrderByDescending(b => b.ExpiresAt))
                {
                    if (TryEndPoint(binding.Contact, out destination))
                    {
                        target = binding.Contact;
                        return true;
                    }
                }
            }
        }

        if (SipUri.TryParse(consoleContact, out var given) && given is not null && TryEndPoint(given, out destination))
        {
            target = given;
            return true;
        }

        target = null!;
        destination = default;
        return false;
    }

    public static bool TryEndPoint(SipUri uri, out SipEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(uri);
        endPoint = default;
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)) return false;
        var protocol = SipEndPoint.ParseProtocol(uri.Transport ?? "udp");
        endPoint = new SipEndPoint(protocol, new IPEndPoint(address, uri.Port ?? 5060));
        return true;
    }
}
