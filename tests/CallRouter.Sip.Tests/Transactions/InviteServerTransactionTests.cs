using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.Tests.Transactions;

public class InviteServerTransactionTests
{
    private readonly TransactionTestKit _kit = new();

    private ServerTransaction Receive(bool tcp = false)
    {
        _kit.Deliver(TransactionTestKit.Request("INVITE"), tcp ? TransactionTestKit.TcpPeer : TransactionTestKit.UdpPeer);
        return Assert.Single(_kit.Requests);
    }

    [Fact]
    public void InviteServerTransaction_NewInvite_Sends100TryingAndReachesTheUser()
    {
        var transaction = Receive();

        Assert.IsType<InviteServerTransaction>(transaction);
        Assert.Equal(TransactionState.Proceeding, transaction.State);
        var trying = Assert.Single(_kit.Sender.Responses(100));
        Assert.Null(trying.To.Tag);
    }

    [Fact]
    public void InviteServerTransaction_RetransmittedInviteInProceeding_ResendsLastProvisionalOnly()
    {
        var transaction = Receive();
        transaction.Respond(180, toTag: "t1");

        _kit.Deliver(TransactionTestKit.Request("INVITE"));

        Assert.Equal(2, _kit.Sender.Responses(180).Count());
        Assert.Single(_kit.Requests);
    }

    [Fact]
    public void InviteServerTransaction_FailureResponse_RetransmitsOnTimerGUntilAckThenTimerITerminates()
    {
        var transaction = Receive();
        transaction.Respond(486, toTag: "t1");
        Assert.Equal(TransactionState.Completed, transaction.State);

        // G: T1, 2·T1, 4·T1 → resends at 0.5, 1.5, 3.5 s.
        _kit.Advance(TimeSpan.FromSeconds(3.5));
        Assert.Equal(4, _kit.Sender.Responses(486).Count());

        // A retransmitted INVITE in Completed gets the final again.
        _kit.Deliver(TransactionTestKit.Request("INVITE"));
        Assert.Equal(5, _kit.Sender.Responses(486).Count());

        _kit.Deliver(TransactionTestKit.Request("ACK", toTag: "t1"));
        Assert.Equal(TransactionState.Confirmed, transaction.State);
        Assert.Equal([TransactionTimer.I], transaction.ActiveTimers);
        Assert.Empty(_kit.Acks);

        // Timer I = T4 = 5 s; ACK retransmissions are absorbed, no more 486s.
        _kit.Deliver(TransactionTestKit.Request("ACK", toTag: "t1"));
        _kit.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(5, _kit.Sender.Responses(486).Count());
        Assert.Equal(0, _kit.Layer.ServerTransactionCount);
    }

    [Fact]
    public void InviteServerTransaction_TimerGInterval_IsCappedAtT2()
    {
        var transaction = Receive();
        transaction.Respond(500, toTag: "t1");

        // Resends at 0.5, 1.5, 3.5, 7.5, 11.5, 15.5 s: the gap stops growing at T2 = 4 s.
        _kit.Advance(TimeSpan.FromSeconds(15.5));

        Assert.Equal(7, _kit.Sender.Responses(500).Count());
    }

    [Fact]
    public void InviteServerTransaction_NoAck_TimerHFailsTheTransaction()
    {
        var transaction = Receive();
        TransactionFailure? failure = null;
        transaction.Failed += (_, f) => failure = f;
        transaction.Respond(404, toTag: "t1");

        _kit.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Null(failure);
        _kit.Advance(100);

        Assert.Equal(TransactionFailure.NoAck, failure);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void InviteServerTransaction_FailureOverTcp_DoesNotRetransmitAndAckTerminatesAtOnce()
    {
        var transaction = Receive(tcp: true);
        transaction.Respond(486, toTag: "t1");

        _kit.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(_kit.Sender.Responses(486));

        _kit.Deliver(TransactionTestKit.Request("ACK", toTag: "t1"), TransactionTestKit.TcpPeer);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void InviteServerTransaction_2xx_EntersAcceptedAbsorbsRetransmissionsUntilTimerL()
    {
        var transaction = Receive();
        transaction.Respond(200, toTag: "t1");
        Assert.Equal(TransactionState.Accepted, transaction.State);

        // RFC 6026: INVITE retransmissions are absorbed (the user retransmits 2xx itself).
        _kit.Deliver(TransactionTestKit.Request("INVITE"));
        Assert.Single(_kit.Sender.Responses(200));
        Assert.Single(_kit.Requests);

        // A 2xx retransmission from the user passes through.
        transaction.Respond(TransactionTestKit.ResponseTo(transaction.Request, 200));
        Assert.Equal(2, _kit.Sender.Responses(200).Count());

        // Timer L = 64·T1.
        _kit.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void InviteServerTransaction_TransportErrorSendingFinal_Fails()
    {
        var transaction = Receive();
        TransactionFailure? failure = null;
        transaction.Failed += (_, f) => failure = f;
        _kit.Sender.FailSends = true;

        transaction.Respond(486, toTag: "t1");

        Assert.Equal(TransactionFailure.TransportError, failure);
    }
}
