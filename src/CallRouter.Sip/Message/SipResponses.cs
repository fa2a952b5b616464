namespace CallRouter.Sip.Message;

/// <summary>Starts a response to a request as RFC 3261 §8.2.6.2 says: Via, From, To, Call-ID, CSeq copied.</summary>
public static class SipResponses
{
    /// <param name="toTag">Added to To when the request's To has no tag (never for 100 Trying, §8.2.6.2).</param>
    public static SipMessageBuilder Create(SipMessage request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = SipMessageBuilder.Response(statusCode, reasonPhrase);
        for (int i = 0; i < request.HeaderCount; i++)
        {
            switch (request.GetHeaderKind(i))
            {
                case HeaderKind.Via:
                case HeaderKind.From:
                case HeaderKind.CallId:
                case HeaderKind.CSeq:
                    builder.Add(request.GetHeaderKind(i), request.GetHeaderValue(i));
                    break;
                case HeaderKind.To:
                    string to = request.GetHeaderValue(i);
                    if (toTag is not null && statusCode > 100 && request.To.Tag is null)
                    {
                        to = request.To.WithTag(toTag).ToString();
                    }

                    builder.Add(HeaderKind.To, to);
                    break;
                case HeaderKind.Timestamp when statusCode == 100:
                    builder.Add(HeaderKind.Timestamp, request.GetHeaderValue(i));
                    break;
            }
        }

        return builder;
    }
}
