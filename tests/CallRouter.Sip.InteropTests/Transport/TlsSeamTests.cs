using System.Net;
using System.Text;
using CallRouter.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Sip.InteropTests.Transport;

/// <summary>The TLS seam: every accepted stream passes through the wrapper before any SIP is read.</summary>
public class TlsSeamTests
{
    [Fact]
    public async Task StreamWrapper_AcceptedConnection_IsWrappedServerSideAndMessagesFlowThroughIt()
    {
        var wrapped = new List<bool>();
        var options = new TransportOptions { StreamWrapper = (stream, isServer, _) =>
        {
            lock (wrapped) wrapped.Add(isServer);
            return ValueTask.FromResult(stream);
        } };
        options.ListenEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.Protocols.Remove(TransportProtocol.Udp);
        await using var layer = new SipTransportLayer(options, TimeProvider.System, NullLogger.Instance);
        layer.Start();
        var local = Assert.Single(layer.LocalEndPoints);
        Assert.Equal(TransportProtocol.Tls, local.Protocol);

        using var client = await RawSipClient.ConnectAsync(local.Address);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(RawSipClient.Options("127.0.0.1:5999", "z9hG4bKtls")));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var incoming = await layer.IncomingPartitions[0].ReadAsync(limit.Token);

        Assert.Equal("z9hG4bKtls@test", incoming.Message.CallId);
        Assert.Equal(TransportProtocol.Tls, incoming.Remote.Protocol);
        lock (wrapped) Assert.Equal([true], wrapped);
    }
}
