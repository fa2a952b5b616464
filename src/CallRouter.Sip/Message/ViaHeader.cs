using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>One via-parm (RFC 3261 §20.42) with the RFC 3581 rport extension.</summary>
public sealed class ViaHeader
{
    /// <summary>The magic cookie that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string BranchCookie = "z9hG4bK";

    public ViaHeader(string transport, string host, int? port, SipParameters? parameters = null)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters ?? new SipParameters();
    }

    /// <summary>Transport token in upper case: UDP, TCP, TLS, SCTP, WS…</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    public string? Branch => Parameters["branch"];

    public string? Received => Parameters["received"];

    /// <summary>True when the rport parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRport => Parameters.Contains("rport");

    public int? Rport => int.TryParse(Parameters["rport"], out int port) ? port : null;

    public string SentBy => Port is int port ? $"{Host}:{port}" : Host;

    public ViaHeader WithParameter(string name, string? value) => new(Transport, Host, Port, Parameters.With(name, value));

    public static bool TryParse(string text, out ViaHeader? via)
    {
        try
        {
            via = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            via = null;
            return false;
        }
    }

    public static ViaHeader Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();

        // sent-protocol = protocol-name SLASH protocol-version SLASH transport, with LWS allowed around each SLASH.
        string[] protocol = new string[3];
        int i = 0;
        for (int part = 0; part < 3; part++)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i])) i++;
            int start = i;
            while (i < span.Length && span[i] != '/' && !char.IsWhiteSpace(span[i])) i++;
            protocol[part] = span[start..i].ToString();
            if (!SipSyntax.IsToken(protocol[part])) throw new FormatException("malformed Via sent-protocol");
            while (i < span.Length && char.IsWhiteSpace(span[i])) i++;
            if (part < 2)
            {
                if (i >= span.Length || span[i] != '/') throw new FormatException("malformed Via sent-protocol");
                i++;
            }
        }

        if (!protocol[0].Equals("SIP", StringComparison.OrdinalIgnoreCase) || protocol[1] != "2.0") throw new FormatException("Via is not SIP/2.0");
        var rest = span[i..];
        int semi = rest.IndexOf(';');
        var sentBy = (semi < 0 ? rest : rest[..semi]).Trim();
        string host;
        int? port = null;
        int portColon;
        if (sentBy.Length > 0 && sentBy[0] == '[')
        {
            int close = sentBy.IndexOf(']');
            if (close < 0) throw new FormatException("unterminated IPv6 reference in Via");
            host = sentBy[..(close + 1)].ToString();
            portColon = close + 1 < sentBy.Length ? close + 1 : -1;
        }
        else
        {
            portColon = sentBy.IndexOf(':');
            host = (portColon < 0 ? sentBy : sentBy[..portColon]).ToString();
        }

        if (host.Length == 0 || host.AsSpan().ContainsAny(" \t,;")) throw new FormatException("malformed Via host");
        if (portColon >= 0)
        {
            if (sentBy[portColon] != ':' || !int.TryParse(sentBy[(portColon + 1)..].Trim(), System.Globalization.NumberStyles.None, null, out int p) || p > 65535)
            {
                throw new FormatException("malformed Via port");
            }

            port = p;
        }

        var parameters = semi < 0 ? new SipParameters() : SipParameters.ParseHeaderParameters(rest[semi..]);
        return new ViaHeader(protocol[2].ToUpperInvariant(), host, port, parameters);
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64);
        builder.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is int port) builder.Append(':').Append(port);
        Parameters.AppendHeaderParameters(builder);
        return builder.ToString();
    }
}
