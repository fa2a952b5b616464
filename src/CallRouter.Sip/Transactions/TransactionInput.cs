using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transactions;

/// <summary>One input to a transaction machine.</summary>
public readonly record struct TransactionInput(TransactionInputKind Kind, SipMessage? Message = null, TransactionTimer Timer = default)
{
    public static TransactionInput Request(SipMessage request) => new(TransactionInputKind.RequestReceived, request);

    public static TransactionInput Response(SipMessage response) => new(TransactionInputKind.ResponseReceived, response);

    public static TransactionInput Send(SipMessage response) => new(TransactionInputKind.SendResponse, response);

    public static TransactionInput Fired(TransactionTimer timer) => new(TransactionInputKind.TimerFired, null, timer);

    public static TransactionInput TransportFailed() => new(TransactionInputKind.TransportError);
}
