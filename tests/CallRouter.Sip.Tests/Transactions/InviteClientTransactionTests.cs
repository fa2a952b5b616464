using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.Tests.Transactions;

public class InviteClientTransactionTests
{
    private readonly TransactionTestKit _kit = new();

    private ClientTransaction Start(bool tcp = false) =>
        _kit.Layer.SendRequest(TransactionTestKit.Request("INVITE"), tcp ? TransactionTestKit.TcpPeer : TransactionTestKit.UdpPeer, _kit);

    [Fact]
    public void InviteClientTransaction_NoResponseOverUdp_RetransmitsWithTimerADoublingUntilTimerB()
    {
        var transaction = Start();
        Assert.Equal(TransactionState.Calling, transaction.State);
        Assert.Single(_kit.Sender.Requests("INVITE"));

        // t=0.5s A fires (T1), t=1.5s (2·T1), t=3.5s, t=7.5s, t=15.5s, t=31.5s: six retransmissions.
        double[] retransmitAt = [500, 1500, 3500, 7500, 15500, 31500];
        double now = 0;
        for (int i = 0; i < retransmitAt.Length; i++)
        {
            _kit.Advance(retransmitAt[i] - now - 1);
            Assert.Equal(i + 1, _kit.Sender.Requests("INVITE").Count());
            _kit.Advance(1);
            now = retransmitAt[i];
            Assert.Equal(i + 2, _kit.Sender.Requests("INVITE").Count());
        }

        // t=32s: Timer B (64·T1) fires in Calling; the user hears a time-out.
        _kit.Advance(499);
        Assert.Empty(_kit.Failures);
        _kit.Advance(1);
        Assert.Equal([TransactionFailure.Timeout], _kit.Failures);
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(0, _kit.Layer.ClientTransactionCount);
    }

    [Fact]
    public void InviteClientTransaction_OverTcp_NeverRetransmitsAndTimesOutAtTimerB()
    {
        var transaction = Start(tcp: true);

        _kit.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Single(_kit.Sender.Requests("INVITE"));
        Assert.Equal([TransactionTimer.B], transaction.ActiveTimers);

        _kit.Advance(100);
        Assert.Equal([TransactionFailure.Timeout], _kit.Failures);
    }

    [Fact]
    public void InviteClientTransaction_ProvisionalResponse_MovesToProceedingAndStopsRetransmitting()
    {
        var transaction = Start();

        _kit.Deliver(TransactionTestKit.ResponseTo(transaction.Request, 180));
        _kit.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TransactionState.Proceeding, transaction.State);
        Assert.Single(_kit.Sender.Requests("INVITE"));
        Assert.Equal([180], _kit.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void InviteClientTransaction_ProceedingForLongerThanTimerB_DoesNotTimeOut()
    {
        var transaction = Start();
        _kit.Deliver(TransactionTestKit.ResponseTo(transaction.Request, 183));

        // Timer B only applies in Calling; a ringing phone may ring for minutes.
        _kit.Advance(TimeSpan.FromMinutes(3));

        Assert.Empty(_kit.Failures);
        Assert.Equal(TransactionState.Proceeding, transaction.State);
    }

    [Fact]
    public void InviteClientTransaction_FailureResponse_SendsAckCompletesAndTerminatesAfterTimerD()
    {
        var transaction = Start();
        var busy = TransactionTestKit.ResponseTo(transaction.Request, 486);

        _kit.Deliver(busy);

        Assert.Equal(TransactionState.Completed, transaction.State);
        var ack = Assert.Single(_kit.Sender.Requests("ACK"));
        Assert.Equal(transaction.Request.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal("t1", ack.To.Tag);
        Assert.Equal(transaction.Request.CSeqNumber, ack.CSeqNumber);
        Assert.Equal(SipMethod.Ack, ack.CSeqMethod);
        Assert.Equal([486], _kit.Responses.Select(r => r.StatusCode));

        // A retransmitted 486 means the ACK was lost: ACK again, do not bother the user.
        _kit.Deliver(busy);
        Assert.Equal(2, _kit.Sender.Requests("ACK").Count());
        Assert.Single(_kit.Responses);

        // Timer D: 32 s on UDP.
        _kit.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(TransactionState.Completed, transaction.State);
        _kit.Advance(100);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void InviteClientTransaction_FailureOverTcp_TerminatesAtOnce()
    {
        var transaction = Start(tcp: true);

        _kit.Deliver(TransactionTestKit.ResponseTo(transaction.Request, 404));

        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Single(_kit.Sender.Requests("ACK"));
    }

    [Fact]
    public void InviteClientTransaction_2xx_MovesToAcceptedPassesRetransmissionsUpUntilTimerM()
    {
        var transaction = Start();
        var ok = TransactionTestKit.ResponseTo(transaction.Request, 200);

        _kit.Deliver(ok);
        Assert.Equal(TransactionState.Accepted, transaction.State);
        Assert.Empty(_kit.Sender.Requests("ACK"));

        // RFC 6026: 2xx retransmissions reach the user, who ACKs them.
        _kit.Deliver(ok);
        Assert.Equal(2, _kit.Responses.Count);

        // Timer M = 64·T1 = 32 s.
        _kit.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        _kit.Deliver(ok);
        Assert.Single(_kit.StrayResponses);
    }

    [Fact]
    public void InviteClientTransaction_TransportError_FailsAndTerminates()
    {
        _kit.Sender.FailSends = true;

        var transaction = Start();

        Assert.Equal([TransactionFailure.TransportError], _kit.Failures);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }
}
