using System.Net;
using System.Net.Sockets;
using System.Text;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.InteropTests.Transport;

/// <summary>The transports on real loopback sockets: framing, limits, rport, IPv6, idle time-out, refusals.</summary>
public class TransportLoopbackTests
{
    [Fact]
    public async Task Udp_RequestWithRport_IsAnsweredToSourcePortWithReceivedAndRport()
    {
        await using var stack = await StackFixture.StartAsync();
        var server = new IPEndPoint(IPAddress.Loopback, stack.Port(TransportProtocol.Udp));

        // The Via claims a different host and port; RFC 3581 sends the answer back to the real source.
        var response = await RawSipClient.UdpExchangeAsync(server, string.Empty, port => RawSipClient.Options("10.9.9.9:5999", "z9hG4bKrport", ";rport"));

        Assert.StartsWith("SIP/2.0 200 OK", response, StringComparison.Ordinal);
        Assert.Contains(";received=127.0.0.1", response, StringComparison.Ordinal);
        Assert.Matches(";rport=\\d+", response);
        Assert.Contains("Allow: INVITE", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_Ipv6Loopback_AnswersOptions()
    {
        await using var stack = await StackFixture.StartAsync(o => o.ListenAddresses = ["[::1]:0"]);
        var server = new IPEndPoint(IPAddress.IPv6Loopback, stack.Port(TransportProtocol.Udp));

        var response = await RawSipClient.UdpExchangeAsync(server, string.Empty, port => RawSipClient.Options($"[::1]:{port}", "z9hG4bKv6"));

        Assert.StartsWith("SIP/2.0 200 OK", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_MalformedRequest_IsRefusedWithPreciseReason()
    {
        await using var stack = await StackFixture.StartAsync();
        var server = new IPEndPoint(IPAddress.Loopback, stack.Port(TransportProtocol.Udp));

        var response = await RawSipClient.UdpExchangeAsync(server, string.Empty,
            port => RawSipClient.Options($"127.0.0.1:{port}", "z9hG4bKbad").Replace("Call-ID: z9hG4bKbad@test\r\n", string.Empty, StringComparison.Ordinal));

        Assert.StartsWith("SIP/2.0 400 Bad Request - Missing Call-ID", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_TwoMessagesInOneSegmentAndOneSplit_AreFramedByContentLength()
    {
        await using var stack = await StackFixture.StartAsync();
        using var client = await RawSipClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, stack.Port(TransportProtocol.Tcp)));
        var stream = client.GetStream();
        string sentBy = $"127.0.0.1:{((IPEndPoint)client.Client.LocalEndPoint!).Port}";
        var first = RawSipClient.Options(sentBy, "z9hG4bKt1");
        var second = RawSipClient.Options(sentBy, "z9hG4bKt2");
        var third = Encoding.UTF8.GetBytes(RawSipClient.Options(sentBy, "z9hG4bKt3"));

        await stream.WriteAsync(Encoding.UTF8.GetBytes("\r\n\r\n" + first + second));
        await stream.WriteAsync(third.AsMemory(0, 40));
        await stream.FlushAsync();
        await Task.Delay(100);
        await stream.WriteAsync(third.AsMemory(40));

        // The CRLF ping earns a CRLF pong (RFC 5626), then three 200 OKs.
        var text = await RawSipClient.ReadAsync(stream, 3, TimeSpan.FromSeconds(10));
        Assert.Equal(3, text.Split("SIP/2.0 200 OK").Length - 1);
        Assert.Contains("branch=z9hG4bKt3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_DeclaredBodyOverTheLimit_Gets413AndTheConnectionCloses()
    {
        await using var stack = await StackFixture.StartAsync(o => o.MaxMessageSize = 4096);
        using var client = await RawSipClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, stack.Port(TransportProtocol.Tcp)));
        var stream = client.GetStream();
        var request = RawSipClient.Options("127.0.0.1:5999", "z9hG4bKbig").Replace("Content-Length: 0", "Content-Length: 100000", StringComparison.Ordinal);

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        var text = await RawSipClient.ReadAsync(stream, 2, TimeSpan.FromSeconds(10));
        Assert.StartsWith("SIP/2.0 413 Request Entity Too Large", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("SIP/2.0 ").Length - 1);
    }

    [Fact]
    public async Task Tcp_HeadersOverTheLimit_Get513()
    {
        await using var stack = await StackFixture.StartAsync(o => o.MaxMessageSize = 2048);
        using var client = await RawSipClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, stack.Port(TransportProtocol.Tcp)));
        var stream = client.GetStream();
        var request = RawSipClient.Options("127.0.0.1:5999", "z9hG4bKhuge").Replace("Max-Forwards: 70\r\n", $"Max-Forwards: 70\r\nX-Pad: {new string('x', 5000)}\r\n", StringComparison.Ordinal);

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        var text = await RawSipClient.ReadAsync(stream, 1, TimeSpan.FromSeconds(10));
        Assert.StartsWith("SIP/2.0 513 Message Too Large", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_IdleConnection_IsClosedAfterTheTimeout()
    {
        await using var stack = await StackFixture.StartAsync(o => o.TcpIdleTimeout = TimeSpan.FromMilliseconds(400));
        using var client = await RawSipClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, stack.Port(TransportProtocol.Tcp)));
        var stream = client.GetStream();

        var buffer = new byte[16];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        int read = await stream.ReadAsync(buffer, limit.Token);

        Assert.Equal(0, read);
    }
}
