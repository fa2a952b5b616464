namespace CallRouter.Sip.Message;

/// <summary>Offsets and small decoded values from the start line and CSeq, filled while parsing.</summary>
internal struct StartLine
{
    public bool IsRequest;
    public SipMethod Method;
    public int MethodLength;
    public int UriStart;
    public int UriLength;
    public int StatusCode;
    public int ReasonStart;
    public int ReasonLength;
    public uint CSeqNumber;
    public SipMethod CSeqMethod;
    public int CSeqMethodStart;
    public int CSeqMethodLength;
}
