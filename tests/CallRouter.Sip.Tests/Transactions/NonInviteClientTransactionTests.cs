using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.Tests.Transactions;

public class NonInviteClientTransactionTests
{
    private readonly TransactionTestKit _kit = new();

    private ClientTransaction Start(bool tcp = false) =>
        _kit.Layer.SendRequest(TransactionTestKit.Request("OPTIONS"), tcp ? TransactionTestKit.TcpPeer : TransactionTestKit.UdpPeer, _kit);

    [Fact]
    public void NonInviteClientTransaction_NoResponse_RetransmitsWithTimerECappedAtT2UntilTimerF()
    {
        var transaction = Start();
        Assert.Equal(TransactionState.Trying, transaction.State);

        // E: 0.5, 1, 2, 4, 4, 4… s apart → sends at 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5.
        _kit.Advance(TimeSpan.FromSeconds(7.5));
        Assert.Equal(5, _kit.Sender.Requests("OPTIONS").Count());
        _kit.Advance(TimeSpan.FromSeconds(3.9));
        Assert.Equal(5, _kit.Sender.Requests("OPTIONS").Count());
        _kit.Advance(100);
        Assert.Equal(6, _kit.Sender.Requests("OPTIONS").Count());

        // t=32 s: Timer F.
        _kit.Advance(TimeSpan.FromSeconds(20.5));
        Assert.Equal(11, _kit.Sender.Requests("OPTIONS").Count());
        Assert.Equal([TransactionFailure.Timeout], _kit.Failures);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void NonInviteClientTransaction_Provisional_RetransmitsEveryT2()
    {
        var transaction = Start();
        _kit.Advance(500);
        _kit.Deliver(TransactionTestKit.ResponseTo(transaction.Request, 100));
        Assert.Equal(TransactionState.Proceeding, transaction.State);

        // t=0.5 s: E had been re-armed for 1 s (fires at 1.5 s); the next interval is T2.
        _kit.Advance(1000);
        Assert.Equal(3, _kit.Sender.Requests("OPTIONS").Count());
        _kit.Advance(TimeSpan.FromSeconds(3.9));
        Assert.Equal(3, _kit.Sender.Requests("OPTIONS").Count());
        _kit.Advance(100);
        Assert.Equal(4, _kit.Sender.Requests("OPTIONS").Count());
    }

    [Fact]
    public void NonInviteClientTransaction_FinalResponse_CompletesThenTerminatesAfterTimerK()
    {
        var transaction = Start();
        var ok = TransactionTestKit.ResponseTo(transaction.Request, 200);

        _kit.Deliver(ok);
        Assert.Equal(TransactionState.Completed, transaction.State);
        Assert.Equal([TransactionTimer.K], transaction.ActiveTimers);

        // Retransmitted finals are absorbed in Completed.
        _kit.Deliver(ok);
        Assert.Single(_kit.Responses);

        // Timer K = T4 = 5 s; no more retransmissions meanwhile.
        _kit.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(TransactionState.Completed, transaction.State);
        _kit.Advance(100);
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Single(_kit.Sender.Requests("OPTIONS"));
    }

    [Fact]
    public void NonInviteClientTransaction_FinalOverTcp_TerminatesAtOnce()
    {
        var transaction = Start(tcp: true);

        _kit.Deliver(TransactionTestKit.ResponseTo(transaction.Request, 404));

        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([404], _kit.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void NonInviteClientTransaction_TransportError_Fails()
    {
        _kit.Sender.FailSends = true;

        Start();

        Assert.Equal([TransactionFailure.TransportError], _kit.Failures);
    }
}
