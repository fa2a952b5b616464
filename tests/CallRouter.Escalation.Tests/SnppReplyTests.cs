using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;

namespace CallRouter.Escalation.Tests;

public sealed class SnppReplyTests
{
    [Theory]
    [InlineData("960 1001 123456 OK, Message QUEUED for Delivery", PageState.Queued, null)]
    [InlineData("860 1001 123456 DELIVERED awaiting reply", PageState.Delivered, null)]
    [InlineData("880 1001 123456 ANSWERED Dana Smith", PageState.Answered, "Dana Smith")]
    [InlineData("881 1001 123456 DROPPED Lee", PageState.Dropped, "Lee")]
    [InlineData("889 1001 123456 UNREACHABLE Mfr TS cannot be reached", PageState.Unreachable, null)]
    public void ToStatus_StatusReply_MapsToPageState(string line, PageState state, string? responder)
    {
        var status = SnppClient.ToStatus(SnppReply.Parse(line));

        Assert.Equal(state, status.State);
        Assert.Equal(responder, status.Responder);
    }

    [Fact]
    public void ToStatus_ErrorReply_ThrowsWithCode()
    {
        var ex = Assert.Throws<ContactChannelException>(() => SnppClient.ToStatus(SnppReply.Parse("550 Error, Unknown Message Tag")));

        Assert.Equal(550, ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OK")]
    [InlineData("25 short")]
    [InlineData("2500 no space")]
    public void Parse_NotAReply_ThrowsFormatException(string line)
    {
        Assert.Throws<FormatException>(() => SnppReply.Parse(line));
    }
}
