using System.Net;
using System.Text;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transport;

/// <summary>
/// RFC 3261 §18.2.1 and RFC 3581 §4: the server transport adds received= when the top Via's sent-by
/// is not the packet's source address, and fills rport= when the client asked for it.
/// </summary>
internal static class ViaStamping
{
    public static SipMessage Stamp(SipMessage request, IPEndPoint source)
    {
        var via = request.TopVia;
        string sourceIp = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4().ToString() : source.Address.ToString();
        bool needsReceived = !HostMatches(via.Host, sourceIp);
        bool needsRport = via.HasRport && via.Rport is null;
        if (!needsReceived && !needsRport)
        {
            return request;
        }

        // rport forces received even when the addresses match (RFC 3581 §4).
        var stamped = via.WithParameter("received", sourceIp);
        if (needsRport) stamped = stamped.WithParameter("rport", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ReplaceTopVia(request, stamped.ToString());
    }

    private static bool HostMatches(string viaHost, string sourceIp)
    {
        var host = viaHost.AsSpan().Trim('[').TrimEnd(']');
        return IPAddress.TryParse(host, out var address) && address.ToString() == sourceIp;
    }

    /// <summary>Splices the new first via-parm into the raw bytes and reparses; everything else stays byte-identical.</summary>
    private static SipMessage ReplaceTopVia(SipMessage request, string newVia)
    {
        var raw = request.Raw.Span;
        int index = 0;
        while (request.GetHeaderKind(index) != HeaderKind.Via) index++;
        var value = request.GetRawHeaderValue(index);
        int valueStart = (int)System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(raw),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(value));
        int comma = HeaderValueSplitter.FirstSeparator(value);
        int replaceLength = comma < 0 ? value.Length : comma;
        var viaBytes = Encoding.UTF8.GetBytes(newVia);
        var bytes = new byte[raw.Length - replaceLength + viaBytes.Length];
        raw[..valueStart].CopyTo(bytes);
        viaBytes.CopyTo(bytes.AsSpan(valueStart));
        raw[(valueStart + replaceLength)..].CopyTo(bytes.AsSpan(valueStart + viaBytes.Length));
        var result = SipParser.Parse(bytes, SipFraming.Datagram, out var stamped);
        return result.Status == ParseStatus.Complete ? stamped! : request;
    }
}
