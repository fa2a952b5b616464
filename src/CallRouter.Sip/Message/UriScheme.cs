namespace CallRouter.Sip.Message;

public enum UriScheme : byte
{
    /// <summary>Any other absolute URI; kept as text (a UAS answers 416 when it is a Request-URI).</summary>
    Other = 0,
    Sip,
    Sips,
    Tel,
}
