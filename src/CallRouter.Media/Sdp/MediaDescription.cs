namespace CallRouter.Media.Sdp;

/// <summary>One <c>m=</c> section with its own <c>c=</c> and <c>a=</c> lines (RFC 8866 §5.14).</summary>
public sealed class MediaDescription
{
    public MediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    public string Media { get; set; }

    /// <summary>Transport port; 0 marks a rejected or disabled stream (RFC 3264 §6).</summary>
    public int Port { get; set; }

    public string Protocol { get; set; }

    /// <summary>Media formats; for RTP/AVP these are payload type numbers as text.</summary>
    public List<string> Formats { get; }

    public SdpConnection? Connection { get; set; }

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Lines this parser does not interpret (b=, i=, k=), kept so a description survives a round trip.</summary>
    public List<string> OtherLines { get; } = [];

    public bool IsRtpAvp => string.Equals(Protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase);

    public string? GetAttribute(string name) =>
        Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool HasAttribute(string name) =>
        Attributes.Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Direction from the media attributes, falling back to the session default (RFC 8866 §6.7).</summary>
    public MediaDirection GetDirection(MediaDirection sessionDefault)
    {
        foreach (var attribute in Attributes)
        {
            switch (attribute.Name.ToLowerInvariant())
            {
                case "sendrecv": return MediaDirection.SendRecv;
                case "sendonly": return MediaDirection.SendOnly;
                case "recvonly": return MediaDirection.RecvOnly;
                case "inactive": return MediaDirection.Inactive;
            }
        }

        return sessionDefault;
    }

    /// <summary>The <c>a=rtpmap</c> entry for a payload type, or null when there is none.</summary>
    public RtpMap? GetRtpMap(int payloadType)
    {
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, "rtpmap", StringComparison.OrdinalIgnoreCase)
                && attribute.Value is not null
                && RtpMap.TryParse(attribute.Value, out var map)
                && map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return null;
    }

    /// <summary>Packetisation time in milliseconds, or null when absent or not a positive number.</summary>
    public int? GetPacketTime()
    {
        var value = GetAttribute("ptime");
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ptime) && ptime > 0
            ? ptime
            : null;
    }
}
