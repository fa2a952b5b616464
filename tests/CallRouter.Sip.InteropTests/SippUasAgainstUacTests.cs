using System.Globalization;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Sip.InteropTests;

/// <summary>SIPp answers; the CallRouter stack places the calls as a UAC (INVITE, ACK, BYE).</summary>
public class SippUasAgainstUacTests
{
    [Theory]
    [InlineData("u1", TransportProtocol.Udp)]
    [InlineData("t1", TransportProtocol.Tcp)]
    public async Task OurUac_CallsSippUas_AnsweredAckedAndHungUp(string sippTransport, TransportProtocol protocol)
    {
        const int calls = 5;
        int sippPort = LoopbackPorts.Free();
        await using var sipp = Sipp.Start(
        [
            "-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture), "-t", sippTransport,
            "-m", calls.ToString(CultureInfo.InvariantCulture), "-timeout", "60s", "-timeout_error",
        ]);
        await using var stack = await StackFixture.StartAsync();
        var destination = StackFixture.Loopback(protocol, sippPort);
        if (protocol == TransportProtocol.Tcp) Assert.True(await WaitForTcpListenerAsync(sippPort), "sipp uas never listened on TCP");

        for (int i = 0; i < calls; i++)
        {
            var call = stack.Call(new OutgoingCallOptions(SipUri.Parse($"sip:service@127.0.0.1:{sippPort}"), destination) { Sdp = StackFixture.AnswerSdp });
            var final = await call.FinalResponse.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(200, final.StatusCode);
            Assert.False(call.AnswerSdp.IsEmpty);
            Assert.Equal(200, await call.HangupAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(CallEndReason.LocalHangup, await call.Ended.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var run = await sipp.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(run.AllCallsSucceeded, run.ToString());
    }

    private static async Task<bool> WaitForTcpListenerAsync(int port)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);

                // SIPp sees a connection that closes at once; it ignores it.
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }
}
