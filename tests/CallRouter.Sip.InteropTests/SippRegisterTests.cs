using System.Globalization;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.InteropTests;

/// <summary>SIPp registers a softphone contact through a digest challenge (MD5, which SIPp implements).</summary>
public class SippRegisterTests
{
    [Theory]
    [InlineData("u1", TransportProtocol.Udp)]
    [InlineData("t1", TransportProtocol.Tcp)]
    public async Task SippRegister_WithDigestChallenge_IsBoundAfterAuthenticating(string sippTransport, TransportProtocol protocol)
    {
        await using var stack = await StackFixture.StartAsync(o =>
        {
            o.EnableRegistrar = true;
            o.Registrar.Algorithms = ["MD5"];
            o.Registrar.Credentials["agent1"] = "s3cret";
        });

        var run = await Sipp.RunAsync(
        [
            $"127.0.0.1:{stack.Port(protocol)}", "-sf", Sipp.Scenario("register_digest.xml"), "-i", "127.0.0.1",
            "-p", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture), "-t", sippTransport, "-m", "1", "-timeout", "60s", "-timeout_error",
        ], TimeSpan.FromSeconds(90));

        Assert.True(run.AllCallsSucceeded, run.ToString());
        var binding = Assert.Single(stack.Registrar!.Lookup("sip:agent1@127.0.0.1"));
        Assert.Equal("agent1", binding.Contact.User);
    }
}
