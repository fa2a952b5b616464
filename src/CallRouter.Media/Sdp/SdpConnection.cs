using System.Net;

namespace CallRouter.Media.Sdp;

/// <summary>The <c>c=</c> line (RFC 8866 §5.7). Only <c>IN IP4</c>/<c>IN IP6</c> unicast is used by this product.</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    public static SdpConnection For(IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    /// <summary>
    /// True for the RFC 2543 hold convention <c>c=IN IP4 0.0.0.0</c>, which RFC 3264 §8.4 still asks
    /// answerers to understand as "do not send to me".
    /// </summary>
    public bool IsLegacyHold => Address == "0.0.0.0";

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
