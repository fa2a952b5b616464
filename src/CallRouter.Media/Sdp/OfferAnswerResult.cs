namespace CallRouter.Media.Sdp;

/// <summary>The result of answering an offer: an answer and negotiated media, or a SIP status with a reason.</summary>
public sealed record OfferAnswerResult
{
    private OfferAnswerResult(SessionDescription? answer, NegotiatedMedia? media, int statusCode, string? reason)
    {
        Answer = answer;
        Media = media;
        StatusCode = statusCode;
        Reason = reason;
    }

    public SessionDescription? Answer { get; }

    public NegotiatedMedia? Media { get; }

    /// <summary>200 when accepted; 488 (Not Acceptable Here) when nothing in the offer is usable.</summary>
    public int StatusCode { get; }

    /// <summary>Why the offer was refused, fit for a SIP Warning header (RFC 3261 §20.43 code 304/305).</summary>
    public string? Reason { get; }

    public bool IsAccepted => Answer is not null && Media is not null;

    public static OfferAnswerResult Accepted(SessionDescription answer, NegotiatedMedia media) => new(answer, media, 200, null);

    public static OfferAnswerResult NotAcceptable(string reason) => new(null, null, 488, reason);
}
