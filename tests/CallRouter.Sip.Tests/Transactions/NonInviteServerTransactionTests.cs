using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.Tests.Transactions;

public class NonInviteServerTransactionTests
{
    private readonly TransactionTestKit _kit = new();

    private ServerTransaction Receive(bool tcp = false)
    {
        _kit.Deliver(TransactionTestKit.Request("OPTIONS"), tcp ? TransactionTestKit.TcpPeer : TransactionTestKit.UdpPeer);
        return Assert.Single(_kit.Requests);
    }

    [Fact]
    public void NonInviteServerTransaction_RetransmissionInTrying_IsAbsorbed()
    {
        var transaction = Receive();

        _kit.Deliver(TransactionTestKit.Request("OPTIONS"));

        Assert.Equal(TransactionState.Trying, transaction.State);
        Assert.Empty(_kit.Sender.Sent);
        Assert.Single(_kit.Requests);
    }

    [Fact]
    public void NonInviteServerTransaction_Provisional_MovesToProceedingAndIsResentOnRetransmission()
    {
        var transaction = Receive();
        transaction.Respond(100);
        Assert.Equal(TransactionState.Proceeding, transaction.State);

        _kit.Deliver(TransactionTestKit.Request("OPTIONS"));

        Assert.Equal(2, _kit.Sender.Responses(100).Count());
    }

    [Fact]
    public void NonInviteServerTransaction_Final_CompletesResendsOnRetransmissionAndEndsAfterTimerJ()
    {
        var transaction = Receive();
        transaction.Respond(200, toTag: "t1");
        Assert.Equal(TransactionState.Completed, transaction.State);

        _kit.Deliver(TransactionTestKit.Request("OPTIONS"));
        Assert.Equal(2, _kit.Sender.Responses(200).Count());

        // A second final from the user is ignored in Completed.
        transaction.Respond(500);
        Assert.Empty(_kit.Sender.Responses(500));

        // Timer J = 64·T1 on UDP.
        _kit.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(TransactionState.Completed, transaction.State);
        _kit.Advance(100);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void NonInviteServerTransaction_FinalOverTcp_TerminatesAtOnce()
    {
        var transaction = Receive(tcp: true);

        transaction.Respond(200, toTag: "t1");

        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void NonInviteServerTransaction_TransportError_Fails()
    {
        var transaction = Receive();
        TransactionFailure? failure = null;
        transaction.Failed += (_, f) => failure = f;
        _kit.Sender.FailSends = true;

        transaction.Respond(200, toTag: "t1");

        Assert.Equal(TransactionFailure.TransportError, failure);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }
}
