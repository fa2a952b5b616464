using System.Net;
using CallRouter.Sip.Transport;

namespace CallRouter.Gateway.Tests;

public sealed class AgentContactResolverTests
{
    [Fact]
    public void TryResolve_NoRegistrationButConsoleContact_UsesConsoleContact()
    {
        bool found = AgentContactResolver.TryResolve(null, ["127.0.0.1"], "alice", "sip:alice@127.0.0.1:5070;transport=tcp", out var target, out var destination);

        Assert.True(found);
        Assert.Equal("alice", target.User);
        Assert.Equal(new SipEndPoint(TransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 5070)), destination);
    }

    [Fact]
    public void TryResolve_HostNameContact_IsNotDialled()
    {
        Assert.False(AgentContactResolver.TryResolve(null, ["127.0.0.1"], "alice", "sip:alice@pbx.example.com", out _, out _));
    }

    [Fact]
    public void TryResolve_NoContactAtAll_Fails()
    {
        Assert.False(AgentContactResolver.TryResolve(null, ["127.0.0.1"], "alice", "", out _, out _));
    }
}
