using System.Net;

namespace CallRouter.Gateway;

/// <summary>The switch peers allowed to send calls (SPEC R1); anything else is refused with 403 before any state is kept.</summary>
public sealed class PeerAllowList
{
    private readonly HashSet<IPAddress> _allowed;

    public PeerAllowList(IEnumerable<string> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        _allowed = [];
        foreach (var peer in peers)
        {
            if (!IPAddress.TryParse(peer.Trim(), out var address))
            {
                throw new ArgumentException($"'{peer}' in CallRouter:Gateway:AllowedPeers is not an IP address", nameof(peers));
            }

            _allowed.Add(Canonical(address));
        }
    }

    public bool IsAllowed(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _allowed.Contains(Canonical(source));
    }

    // An IPv4 peer may reach a dual-stack socket as ::ffff:a.b.c.d.
    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
