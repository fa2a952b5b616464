using System.Globalization;
using System.Net;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Dialogs;

/// <summary>
/// Dialog state (RFC 3261 §12): identifiers, CSeq counters, remote target and route set, and the rules for
/// building requests inside it. It does no I/O; the user-agent layer sends what it builds.
/// </summary>
public sealed class Dialog
{
    private readonly object _gate = new();
    private uint _localSeq;

    private Dialog(DialogId id, NameAddress localUri, NameAddress remoteUri, SipUri remoteTarget, IReadOnlyList<NameAddress> routeSet, uint localSeq, uint? remoteSeq, bool isUac)
    {
        Id = id;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        _localSeq = localSeq;
        RemoteSeq = remoteSeq;
        IsUac = isUac;
    }

    public DialogId Id { get; }

    /// <summary>Our From (as UAC) or To (as UAS), tag included.</summary>
    public NameAddress LocalUri { get; }

    public NameAddress RemoteUri { get; }

    /// <summary>Where in-dialog requests go: the peer's Contact, refreshed by re-INVITE (§12.2.1.2, §12.2.2).</summary>
    public SipUri RemoteTarget { get; private set; }

    public IReadOnlyList<NameAddress> RouteSet { get; }

    public uint LocalSeq => _localSeq;

    public uint? RemoteSeq { get; private set; }

    public bool IsUac { get; }

    public DialogState State { get; private set; } = DialogState.Confirmed;

    /// <summary>
    /// UAS side (§12.1.1): route set from Record-Route in order, target from the request's Contact. The
    /// dialog is early until <see cref="Confirm"/> is called when the 2xx goes out.
    /// </summary>
    public static Dialog CreateAsUas(SipMessage request, string localTag)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = request.GetHeaderValues(HeaderKind.RecordRoute).Select(NameAddress.Parse).ToArray();
        var dialog = new Dialog(
            new DialogId(request.CallId, localTag, request.From.Tag ?? string.Empty),
            request.To.WithTag(localTag),
            request.From,
            ContactOf(request) ?? request.From.Uri,
            routes,
            (uint)Random.Shared.Next(1, 100_000),
            request.CSeqNumber,
            isUac: false);
        dialog.State = DialogState.Early;
        return dialog;
    }

    /// <summary>UAC side (§12.1.2): route set from the response's Record-Route reversed, target from its Contact.</summary>
    public static Dialog CreateAsUac(SipMessage request, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var routes = response.GetHeaderValues(HeaderKind.RecordRoute).Select(NameAddress.Parse).Reverse().ToArray();
        var dialog = new Dialog(
            DialogId.ForIncomingResponse(response),
            request.From,
            response.To,
            ContactOf(response) ?? request.RequestUri,
            routes,
            request.CSeqNumber,
            null,
            isUac: true);
        dialog.State = response.StatusCode < 200 ? DialogState.Early : DialogState.Confirmed;
        return dialog;
    }

    public void Confirm()
    {
        lock (_gate)
        {
            if (State == DialogState.Early) State = DialogState.Confirmed;
        }
    }

    public void Terminate()
    {
        lock (_gate) State = DialogState.Terminated;
    }

    /// <summary>
    /// Checks an incoming request's CSeq (§12.2.2): lower than the last one means out of order (answer 500);
    /// otherwise it becomes the new remote sequence. ACK and CANCEL reuse the INVITE's number and are exempt.
    /// </summary>
    public bool AcceptRemoteCSeq(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is SipMethod.Ack or SipMethod.Cancel) return true;
        lock (_gate)
        {
            if (RemoteSeq is uint last && request.CSeqNumber < last) return false;
            RemoteSeq = request.CSeqNumber;
            return true;
        }
    }

    /// <summary>A target refresh (re-INVITE or its 2xx, §12.2) replaces the remote target with the new Contact.</summary>
    public void RefreshTarget(SipMessage message)
    {
        var contact = ContactOf(message);
        if (contact is null) return;
        lock (_gate) RemoteTarget = contact;
    }

    /// <summary>
    /// Starts an in-dialog request (§12.2.1.1): Request-URI and Route from the route set (loose or strict
    /// routing), From/To/Call-ID from the dialog, a new CSeq (ACK and CANCEL supply their own).
    /// </summary>
    public SipMessageBuilder CreateRequest(string method, SipEndPoint via, string branch, uint? cseq = null)
    {
        uint number = cseq ?? Interlocked.Increment(ref _localSeq);
        SipUri requestUri;
        IEnumerable<NameAddress> routes;
        if (RouteSet.Count > 0 && !RouteSet[0].Uri.IsLooseRouter)
        {
            // Strict router: it gets the Request-URI, and the remote target goes last in Route.
            requestUri = RouteSet[0].Uri.WithoutHeaders();
            routes = RouteSet.Skip(1).Append(new NameAddress(RemoteTarget));
        }
        else
        {
            requestUri = RemoteTarget;
            routes = RouteSet;
        }

        var builder = SipMessageBuilder.Request(method, requestUri)
            .Add(HeaderKind.Via, $"SIP/2.0/{via.ViaTransport} {FormatHost(via.Address)};branch={branch};rport")
            .Add(HeaderKind.MaxForwards, "70")
            .Add(HeaderKind.From, LocalUri.ToString())
            .Add(HeaderKind.To, RemoteUri.ToString())
            .Add(HeaderKind.CallId, Id.CallId)
            .Add(HeaderKind.CSeq, $"{number.ToString(CultureInfo.InvariantCulture)} {method}");
        foreach (var route in routes)
        {
            builder.Add(HeaderKind.Route, route.ToString());
        }

        return builder;
    }

    /// <summary>Where the next in-dialog request is sent: the first route, or the remote target (IP hosts only; no DNS).</summary>
    public bool TryGetNextHop(TransportProtocol fallback, out SipEndPoint destination)
    {
        var uri = RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;
        return TryResolve(uri, fallback, out destination);
    }

    public static bool TryResolve(SipUri uri, TransportProtocol fallback, out SipEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(uri);
        destination = default;
        string host = uri.Parameters["maddr"] ?? uri.Host;
        if (!IPAddress.TryParse(host.AsSpan().Trim('[').TrimEnd(']'), out var address)) return false;
        var protocol = uri.Transport is { } transport ? SipEndPoint.ParseProtocol(transport) : fallback;
        int port = uri.Port ?? (uri.Scheme == UriScheme.Sips ? 5061 : 5060);
        destination = new SipEndPoint(protocol, new IPEndPoint(address, port));
        return true;
    }

    /// <summary>host:port as written in Via and URIs (IPv6 in brackets).</summary>
    public static string FormatHost(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return $"{FormatAddress(endPoint.Address)}:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string FormatAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    private static SipUri? ContactOf(SipMessage message)
    {
        var contact = message.GetHeaderValues(HeaderKind.Contact).FirstOrDefault();
        return contact is not null && NameAddress.TryParse(contact, out var value) && !value!.IsWildcard ? value.Uri : null;
    }
}
