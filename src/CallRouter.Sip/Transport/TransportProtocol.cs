namespace CallRouter.Sip.Transport;

public enum TransportProtocol : byte
{
    Udp,
    Tcp,

    /// <summary>TCP with a TLS stream supplied through <see cref="TransportOptions.StreamWrapper"/>; not built yet.</summary>
    Tls,
}
