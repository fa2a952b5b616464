using CallRouter.Core.Auth;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Core.Tests;

public sealed class TokenIssuerTests
{
    private static readonly UserAccount Alice = new("alice", "Alice", "unused", new HashSet<string> { Roles.AgentL1 });
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly TokenIssuer _issuer;

    public TokenIssuerTests() => _issuer = new TokenIssuer(_time, new AuthOptions { TokenLifetime = TimeSpan.FromHours(1) });

    [Fact]
    public void Resolve_IssuedToken_ReturnsTheAccount()
    {
        IssuedToken issued = _issuer.Issue(Alice);

        Assert.Same(Alice, _issuer.Resolve(issued.Value)?.Account);
    }

    [Fact]
    public void Resolve_AfterLifetime_IsNull()
    {
        IssuedToken issued = _issuer.Issue(Alice);

        // 09:00 issued, valid until 10:00; at 10:00 it is gone.
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(_issuer.Resolve(issued.Value));
    }

    [Fact]
    public void Resolve_JustBeforeLifetime_StillValid()
    {
        IssuedToken issued = _issuer.Issue(Alice);

        _time.Advance(TimeSpan.FromMinutes(59));

        Assert.NotNull(_issuer.Resolve(issued.Value));
    }

    [Fact]
    public void RevokeAll_EndsEveryTokenOfThatUserOnly()
    {
        IssuedToken first = _issuer.Issue(Alice);
        IssuedToken second = _issuer.Issue(Alice);
        IssuedToken bob = _issuer.Issue(Alice with { UserName = "bob" });

        _issuer.RevokeAll("ALICE");

        Assert.Null(_issuer.Resolve(first.Value));
        Assert.Null(_issuer.Resolve(second.Value));
        Assert.NotNull(_issuer.Resolve(bob.Value));
    }

    [Fact]
    public void Resolve_UnknownToken_IsNull()
    {
        Assert.Null(_issuer.Resolve("made-up"));
    }
}
