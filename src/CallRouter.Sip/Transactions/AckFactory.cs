using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transactions;

/// <summary>The ACK a client transaction sends for a 3xx–6xx (RFC 3261 §17.1.1.3).</summary>
internal static class AckFactory
{
    public static SipMessage ForFailure(SipMessage invite, SipMessage response)
    {
        // Same Request-URI, Call-ID, From, CSeq number and top Via as the INVITE; To from the response; Route kept.
        var builder = SipMessageBuilder.Request("ACK", invite.RequestUriText)
            .Add(HeaderKind.Via, FirstVia(invite))
            .Add(HeaderKind.MaxForwards, "70")
            .Add(HeaderKind.From, invite.GetHeader(HeaderKind.From)!)
            .Add(HeaderKind.To, response.GetHeader(HeaderKind.To)!)
            .Add(HeaderKind.CallId, invite.CallId)
            .Add(HeaderKind.CSeq, $"{invite.CSeqNumber} ACK");
        foreach (var route in invite.GetHeaderValues(HeaderKind.Route))
        {
            builder.Add(HeaderKind.Route, route);
        }

        return builder.Build();
    }

    private static string FirstVia(SipMessage message) => message.GetHeaderValues(HeaderKind.Via)[0];
}
