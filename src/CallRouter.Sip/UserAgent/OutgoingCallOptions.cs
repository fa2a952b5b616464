using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.UserAgent;

/// <summary>What to call and how.</summary>
public sealed class OutgoingCallOptions
{
    public OutgoingCallOptions(SipUri target, SipEndPoint destination)
    {
        Target = target;
        Destination = destination;
    }

    /// <summary>Request-URI and To.</summary>
    public SipUri Target { get; }

    /// <summary>The next hop the INVITE is sent to (an address; this stack does no DNS).</summary>
    public SipEndPoint Destination { get; }

    /// <summary>From; defaults to sip:{ContactUser}@{local address}.</summary>
    public NameAddress? From { get; init; }

    /// <summary>The session offer; empty sends an INVITE without body.</summary>
    public ReadOnlyMemory<byte> Sdp { get; init; }

    /// <summary>Extra headers such as X-NS-Model or Referred-By.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
