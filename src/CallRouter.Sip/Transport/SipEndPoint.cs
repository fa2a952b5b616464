using System.Net;

namespace CallRouter.Sip.Transport;

/// <summary>A transport protocol plus an IP address and port: where a message came from or goes to.</summary>
public readonly record struct SipEndPoint(TransportProtocol Protocol, IPEndPoint Address)
{
    public bool IsReliable => Protocol != TransportProtocol.Udp;

    /// <summary>The Via transport token for this protocol (RFC 3261 §20.42).</summary>
    public string ViaTransport => Protocol switch
    {
        TransportProtocol.Udp => "UDP",
        TransportProtocol.Tcp => "TCP",
        _ => "TLS",
    };

    public static TransportProtocol ParseProtocol(string? token) => token?.ToUpperInvariant() switch
    {
        "TCP" => TransportProtocol.Tcp,
        "TLS" => TransportProtocol.Tls,
        _ => TransportProtocol.Udp,
    };

    public override string ToString() => $"{ViaTransport.ToLowerInvariant()}:{Address}";
}
