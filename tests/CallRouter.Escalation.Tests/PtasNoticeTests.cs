using System.Net;
using System.Text;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Notices;

namespace CallRouter.Escalation.Tests;

/// <summary>The pushed "cannot reach" notice: its body and who may send it.</summary>
public sealed class PtasNoticeTests
{
    [Fact]
    public void Parse_SimulatorNotice_ReadsTagPagerAndCaller()
    {
        var notice = PtasNotice.Parse("""{"tag":"1001","pagerId":"MFRTS","callerId":"+18005550199","status":"UNREACHABLE"}"""u8);

        Assert.Equal(new PtasNotice("1001", "MFRTS", "+18005550199"), notice);
        Assert.Equal("PTAS notice: page 1001 to MFRTS for +18005550199", notice.Detail);
    }

    [Theory]
    [InlineData("{\"tag\":\"1001\",", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"status\":\"UNREACHABLE\"}", "has no \"tag\"")]
    [InlineData("{\"tag\":\"  \",\"status\":\"UNREACHABLE\"}", "\"tag\" is empty")]
    [InlineData("{\"tag\":1001,\"status\":\"UNREACHABLE\"}", "\"tag\" must be a string, not Number")]
    [InlineData("{\"tag\":\"1001\"}", "has no \"status\"")]
    [InlineData("{\"tag\":\"1001\",\"status\":\"ANSWERED\"}", "status \"ANSWERED\" is not one the desk acts on")]
    [InlineData("{\"tag\":\"10\\n01\",\"status\":\"UNREACHABLE\"}", "control characters")]
    public void Parse_Malformed_IsInvalidArgumentSayingWhat(string body, string expected)
    {
        var ex = Assert.Throws<EscalationException>(() => PtasNotice.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(EscalationErrorCode.InvalidArgument, ex.Code);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OversizedBody_IsRefusedBeforeParsing()
    {
        var body = Encoding.UTF8.GetBytes("{\"tag\":\"" + new string('1', PtasNotice.MaxBytes) + "\",\"status\":\"UNREACHABLE\"}");

        var ex = Assert.Throws<EscalationException>(() => PtasNotice.Parse(body));

        Assert.Contains("larger than 4096 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", PtasNoticeAccessResult.Allowed)]
    [InlineData("::1", PtasNoticeAccessResult.Allowed)]
    [InlineData("::ffff:127.0.0.1", PtasNoticeAccessResult.Allowed)]
    [InlineData("192.0.2.7", PtasNoticeAccessResult.PeerNotAllowed)]
    public void Check_DefaultOptions_AllowsLoopbackOnly(string peer, PtasNoticeAccessResult expected)
    {
        var access = new PtasNoticeAccess(new PtasNoticeOptions());

        Assert.Equal(expected, access.Check(IPAddress.Parse(peer), null));
    }

    [Fact]
    public void Check_ConfiguredPeer_ReplacesLoopback()
    {
        var options = new PtasNoticeOptions();
        options.AllowedPeers.Add("192.0.2.7");
        var access = new PtasNoticeAccess(options);

        Assert.Equal(PtasNoticeAccessResult.Allowed, access.Check(IPAddress.Parse("192.0.2.7"), null));
        Assert.Equal(PtasNoticeAccessResult.PeerNotAllowed, access.Check(IPAddress.Loopback, null));
        Assert.Equal(PtasNoticeAccessResult.PeerNotAllowed, access.Check(null, null));
    }

    [Theory]
    [InlineData(null, PtasNoticeAccessResult.BadToken)]
    [InlineData("Basic czNjcmV0", PtasNoticeAccessResult.BadToken)]
    [InlineData("Bearer s3cret-but-longer", PtasNoticeAccessResult.BadToken)]
    [InlineData("Bearer s3cre", PtasNoticeAccessResult.BadToken)]
    [InlineData("Bearer s3cret", PtasNoticeAccessResult.Allowed)]
    [InlineData("bearer  s3cret ", PtasNoticeAccessResult.Allowed)]
    public void Check_TokenConfigured_NeedsTheBearerToken(string? authorization, PtasNoticeAccessResult expected)
    {
        var access = new PtasNoticeAccess(new PtasNoticeOptions { Token = "s3cret" });

        Assert.Equal(expected, access.Check(IPAddress.Loopback, authorization));
    }

    [Fact]
    public void Constructor_AllowedPeerNotAnAddress_NamesTheSetting()
    {
        var options = new PtasNoticeOptions();
        options.AllowedPeers.Add("ptas.example");

        var ex = Assert.Throws<ArgumentException>(() => new PtasNoticeAccess(options, "CallRouter:Escalation"));

        Assert.Contains("CallRouter:Escalation:PtasNotices:AllowedPeers \"ptas.example\" is not an IP address", ex.Message, StringComparison.Ordinal);
    }
}
