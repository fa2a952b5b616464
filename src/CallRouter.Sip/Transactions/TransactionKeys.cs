using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transactions;

/// <summary>Matching rules for requests (RFC 3261 §17.2.3) and responses (§17.1.3).</summary>
internal static class TransactionKeys
{
    public static string Server(SipMessage request) => Server(request, request.Method == SipMethod.Ack ? "INVITE" : request.MethodName);

    /// <summary>The key of the INVITE a CANCEL or ACK refers to.</summary>
    public static string ServerInvite(SipMessage request) => Server(request, "INVITE");

    public static string Client(SipMessage message) =>
        string.Concat(message.TopVia.Branch, "|", message.Method == SipMethod.Ack ? "INVITE" : message.CSeqMethodName);

    /// <summary>From tag, Call-ID and CSeq: equal for a request that reached us along two paths (§8.2.2.2).</summary>
    public static string Merge(SipMessage request) =>
        string.Concat(request.From.Tag, "|", request.CallId, "|", request.CSeqNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", request.MethodName);

    private static string Server(SipMessage request, string method)
    {
        var via = request.TopVia;
        string? branch = via.Branch;
        if (branch is not null && branch.StartsWith(ViaHeader.BranchCookie, StringComparison.Ordinal))
        {
            return string.Concat(branch, "|", via.Host, ":", via.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", method);
        }

        // RFC 2543 peers: fall back to the dialog identifiers and the whole top Via (§17.2.3).
        return string.Concat(request.RequestUriText, "|", request.From.Tag, "|", request.CallId, "|",
            request.CSeqNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", method, "|", via.ToString());
    }
}
