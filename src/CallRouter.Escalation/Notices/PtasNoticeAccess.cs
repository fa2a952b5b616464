using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CallRouter.Escalation.Notices;

/// <summary>
/// Decides whether a pushed PTAS notice may be acted on: the sender's address must be allowed
/// (loopback by default, like the SIP peer allow-list) and, if a token is configured, the
/// request must carry it. Built once from <see cref="PtasNoticeOptions"/>, failing fast on a bad address.
/// </summary>
public sealed class PtasNoticeAccess
{
    private readonly HashSet<IPAddress> _peers;
    private readonly byte[]? _token;

    public PtasNoticeAccess(PtasNoticeOptions options, string section = "Escalation")
    {
        ArgumentNullException.ThrowIfNull(options);
        _peers = options.AllowedPeers.Count == 0
            ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : [.. options.AllowedPeers.Select(p => IPAddress.TryParse(p.Trim(), out var address)
                ? Normalise(address)
                : throw new ArgumentException($"{section}:{PtasNoticeOptions.SectionName}:AllowedPeers \"{p}\" is not an IP address."))];
        _token = string.IsNullOrEmpty(options.Token) ? null : Encoding.UTF8.GetBytes(options.Token);
    }

    public bool RequiresToken => _token is not null;

    public PtasNoticeAccessResult Check(IPAddress? peer, string? authorization)
    {
        if (peer is null || !_peers.Contains(Normalise(peer)))
        {
            return PtasNoticeAccessResult.PeerNotAllowed;
        }

        if (_token is null)
        {
            return PtasNoticeAccessResult.Allowed;
        }

        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return PtasNoticeAccessResult.BadToken;
        }

        // Fixed-time comparison so the token cannot be guessed byte by byte from response times.
        var offered = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(offered, _token) ? PtasNoticeAccessResult.Allowed : PtasNoticeAccessResult.BadToken;
    }

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
