using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.Tests.Transactions;

public class TransactionLayerTests
{
    private readonly TransactionTestKit _kit = new();

    [Fact]
    public void TransactionLayer_CancelForPendingInvite_Answers200AndTerminatesInviteWith487()
    {
        _kit.Deliver(TransactionTestKit.Request("INVITE"));
        var invite = Assert.Single(_kit.Requests);
        invite.Respond(180, toTag: "t9");

        _kit.Deliver(TransactionTestKit.Request("CANCEL"));

        var cancelOk = _kit.Sender.Responses(200).Single(r => r.CSeqMethod == SipMethod.Cancel);
        Assert.Equal("t9", cancelOk.To.Tag);
        var terminated = Assert.Single(_kit.Sender.Responses(487));
        Assert.Equal("t9", terminated.To.Tag);
        Assert.True(invite.Cancelled.IsCancellationRequested);
        Assert.Equal(TransactionState.Completed, invite.State);
    }

    [Fact]
    public void TransactionLayer_CancelAfterFinalResponse_Answers200AndLeavesInviteAlone()
    {
        _kit.Deliver(TransactionTestKit.Request("INVITE"));
        var invite = Assert.Single(_kit.Requests);
        invite.Respond(200, toTag: "t1");

        _kit.Deliver(TransactionTestKit.Request("CANCEL"));

        Assert.Empty(_kit.Sender.Responses(487));
        Assert.False(invite.Cancelled.IsCancellationRequested);
        Assert.Equal(2, _kit.Sender.Responses(200).Count());
    }

    [Fact]
    public void TransactionLayer_CancelMatchingNothing_Answers481()
    {
        _kit.Deliver(TransactionTestKit.Request("CANCEL"));

        Assert.Single(_kit.Sender.Responses(481));
        Assert.Empty(_kit.Requests);
    }

    [Fact]
    public void TransactionLayer_SameRequestByTwoPaths_RefusesTheSecondWith482()
    {
        _kit.Deliver(TransactionTestKit.Request("INVITE", branch: "z9hG4bKpath1"));

        _kit.Deliver(TransactionTestKit.Request("INVITE", branch: "z9hG4bKpath2"));

        Assert.Single(_kit.Requests);
        Assert.Single(_kit.Sender.Responses(482));
    }

    [Fact]
    public void TransactionLayer_TableFull_Refuses503WithRetryAfter()
    {
        var kit = new TransactionTestKit(maxServerTransactions: 1);
        kit.Deliver(TransactionTestKit.Request("OPTIONS", branch: "z9hG4bKa", fromTag: "a"));

        kit.Deliver(TransactionTestKit.Request("OPTIONS", branch: "z9hG4bKb", fromTag: "b"));

        var busy = Assert.Single(kit.Sender.Responses(503));
        Assert.Equal("5", busy.GetHeader(HeaderKind.RetryAfter));
        Assert.Single(kit.Requests);
    }

    [Fact]
    public void TransactionLayer_AckForTwoHundred_GoesToTheUser()
    {
        _kit.Deliver(TransactionTestKit.Request("ACK", branch: "z9hG4bKnewbranch", toTag: "t1"));

        Assert.Single(_kit.Acks);
    }

    [Fact]
    public void TransactionLayer_ResponseForNoTransaction_GoesToTheUserAsStray()
    {
        _kit.Deliver(TransactionTestKit.ResponseTo(TransactionTestKit.Request("INVITE", branch: "z9hG4bKgone"), 200));

        Assert.Single(_kit.StrayResponses);
    }

    [Fact]
    public void TransactionLayer_ResponseWithOtherCSeqMethod_DoesNotMatchTheTransaction()
    {
        var transaction = _kit.Layer.SendRequest(TransactionTestKit.Request("INVITE"), TransactionTestKit.UdpPeer, _kit);

        _kit.Deliver(TransactionTestKit.ResponseTo(TransactionTestKit.Request("CANCEL"), 200));

        Assert.Equal(TransactionState.Calling, transaction.State);
        Assert.Single(_kit.StrayResponses);
    }

    [Fact]
    public void TransactionLayer_SendRequestWithAck_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _kit.Layer.SendRequest(TransactionTestKit.Request("ACK"), TransactionTestKit.UdpPeer, _kit));
    }
}
