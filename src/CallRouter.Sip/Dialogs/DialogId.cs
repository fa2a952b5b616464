using CallRouter.Sip.Message;

namespace CallRouter.Sip.Dialogs;

/// <summary>Call-ID plus local and remote tags (RFC 3261 §12): the same dialog seen from our side.</summary>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The dialog an incoming in-dialog request belongs to: To carries our tag, From theirs.</summary>
    public static DialogId ForIncomingRequest(SipMessage request) => new(request.CallId, request.To.Tag ?? string.Empty, request.From.Tag ?? string.Empty);

    /// <summary>The dialog a response to our request belongs to: From carries our tag, To theirs.</summary>
    public static DialogId ForIncomingResponse(SipMessage response) => new(response.CallId, response.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty);
}
