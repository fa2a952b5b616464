using System.Net;
using CallRouter.Sip.Dialogs;
using CallRouter.Sip.Message;
using CallRouter.Sip.Tests.Transactions;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Tests.Dialogs;

public class DialogTests
{
    private static readonly SipEndPoint s_local = new(TransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5060));

    private static SipMessage InviteWithRecordRoute() => TransactionTestKit.Parse(SipSamples.Lines(
        "INVITE sip:bob@127.0.0.1 SIP/2.0",
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1",
        "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>",
        "Max-Forwards: 70",
        "To: <sip:bob@127.0.0.1>",
        "From: \"Alice\" <sip:alice@127.0.0.1>;tag=a1",
        "Call-ID: dlg-1",
        "CSeq: 10 INVITE",
        "Contact: <sip:alice@192.0.2.5:5070>",
        "Content-Length: 0",
        "",
        ""));

    [Fact]
    public void CreateAsUas_Invite_TakesRouteSetInOrderAndTargetFromContact()
    {
        var dialog = Dialog.CreateAsUas(InviteWithRecordRoute(), "b1");

        Assert.Equal(new DialogId("dlg-1", "b1", "a1"), dialog.Id);
        Assert.Equal(["p1.example.com", "p2.example.com"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal("192.0.2.5", dialog.RemoteTarget.Host);
        Assert.Equal(10u, dialog.RemoteSeq);
        Assert.Equal("b1", dialog.LocalUri.Tag);
    }

    [Fact]
    public void CreateAsUas_BeforeAnswer_IsEarlyUntilConfirmed()
    {
        var dialog = Dialog.CreateAsUas(InviteWithRecordRoute(), "b1");
        Assert.Equal(DialogState.Early, dialog.State);

        dialog.Confirm();

        Assert.Equal(DialogState.Confirmed, dialog.State);
    }

    [Fact]
    public void CreateAsUac_TaggedProvisional_GivesEarlyDialog()
    {
        var invite = TransactionTestKit.Request("INVITE");

        var dialog = Dialog.CreateAsUac(invite, SipResponses.Create(invite, 180, toTag: "t7").Build());

        Assert.Equal(DialogState.Early, dialog.State);
        Assert.Equal("t7", dialog.Id.RemoteTag);
    }

    [Fact]
    public void CreateAsUac_Response_ReversesRecordRouteAndUsesResponseContact()
    {
        var invite = TransactionTestKit.Request("INVITE");
        var ok = SipResponses.Create(invite, 200, toTag: "t7")
            .Add(HeaderKind.RecordRoute, "<sip:p2.example.com;lr>")
            .Add(HeaderKind.RecordRoute, "<sip:p1.example.com;lr>")
            .Add(HeaderKind.Contact, "<sip:bob@192.0.2.9:5080>")
            .Build();

        var dialog = Dialog.CreateAsUac(invite, ok);

        Assert.Equal(new DialogId(invite.CallId, "f1", "t7"), dialog.Id);
        Assert.Equal(["p1.example.com", "p2.example.com"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal(5080, dialog.RemoteTarget.Port);
        Assert.Equal(DialogState.Confirmed, dialog.State);
    }

    [Fact]
    public void CreateRequest_LooseRouteSet_TargetsRemoteAndListsRoutes()
    {
        var dialog = Dialog.CreateAsUas(InviteWithRecordRoute(), "b1");
        uint before = dialog.LocalSeq;

        var bye = dialog.CreateRequest("BYE", s_local, "z9hG4bKbye").Build();

        Assert.Equal("sip:alice@192.0.2.5:5070", bye.RequestUriText);
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], bye.GetHeaderValues(HeaderKind.Route));
        Assert.Equal(before + 1, bye.CSeqNumber);
        Assert.Equal("a1", bye.To.Tag);
        Assert.Equal("b1", bye.From.Tag);
        Assert.Equal("dlg-1", bye.CallId);
    }

    [Fact]
    public void CreateRequest_StrictRouter_PutsItInRequestUriAndTargetLastInRoute()
    {
        var invite = TransactionTestKit.Parse(SipSamples.Lines(
            "INVITE sip:bob@127.0.0.1 SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1",
            "Record-Route: <sip:strict.example.com>",
            "To: <sip:bob@127.0.0.1>",
            "From: <sip:alice@127.0.0.1>;tag=a1",
            "Call-ID: dlg-2",
            "CSeq: 1 INVITE",
            "Contact: <sip:alice@192.0.2.5>",
            "Content-Length: 0",
            "",
            ""));
        var dialog = Dialog.CreateAsUas(invite, "b1");

        var bye = dialog.CreateRequest("BYE", s_local, "z9hG4bKx").Build();

        Assert.Equal("sip:strict.example.com", bye.RequestUriText);
        Assert.Equal(["<sip:alice@192.0.2.5>"], bye.GetHeaderValues(HeaderKind.Route));
    }

    [Fact]
    public void AcceptRemoteCSeq_LowerThanLast_IsRefusedHigherIsTaken()
    {
        var dialog = Dialog.CreateAsUas(InviteWithRecordRoute(), "b1");

        Assert.False(dialog.AcceptRemoteCSeq(TransactionTestKit.Request("INFO", toTag: "b1", fromTag: "a1", cseq: 9)));
        Assert.True(dialog.AcceptRemoteCSeq(TransactionTestKit.Request("INFO", toTag: "b1", fromTag: "a1", cseq: 11)));
        Assert.Equal(11u, dialog.RemoteSeq);
        Assert.True(dialog.AcceptRemoteCSeq(TransactionTestKit.Request("ACK", toTag: "b1", fromTag: "a1", cseq: 10)));
    }

    [Fact]
    public void RefreshTarget_ReInviteWithNewContact_ChangesRemoteTarget()
    {
        var dialog = Dialog.CreateAsUas(InviteWithRecordRoute(), "b1");
        var reInvite = TransactionTestKit.Parse(SipSamples.Request("INVITE", "Contact: <sip:alice@198.51.100.1:6000;transport=tcp>"));

        dialog.RefreshTarget(reInvite);

        Assert.Equal("198.51.100.1", dialog.RemoteTarget.Host);
        Assert.Equal("tcp", dialog.RemoteTarget.Transport);
    }

    [Fact]
    public void TryResolve_UriWithTransportAndPort_GivesEndPoint()
    {
        Assert.True(Dialog.TryResolve(SipUri.Parse("sip:a@198.51.100.1:6000;transport=tcp"), TransportProtocol.Udp, out var hop));
        Assert.Equal("tcp:198.51.100.1:6000", hop.ToString());
        Assert.False(Dialog.TryResolve(SipUri.Parse("sip:a@example.com"), TransportProtocol.Udp, out _));
    }
}
