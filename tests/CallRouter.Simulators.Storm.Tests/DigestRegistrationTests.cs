using CallRouter.Simulators.Storm.Agents;
using CallRouter.Sip.Message;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Simulators.Storm.Tests;

/// <summary>The softphones' digest answers, checked by the registrar's own digest verification (no sockets).</summary>
public sealed class DigestRegistrationTests
{
    private const string User = "storm0001";
    private const string Password = "storm-agent-password";
    private const string Uri = "sip:127.0.0.1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private DigestAuthenticator Registrar(params string[] algorithms) =>
        new(new RegistrarOptions { Credentials = { [User] = Password }, Algorithms = algorithms }, _time);

    private static SipMessage Challenge(IEnumerable<string> challenges)
    {
        var builder = SipMessageBuilder.Response(401)
            .Add(HeaderKind.Via, "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKtest")
            .Add(HeaderKind.From, $"<sip:{User}@127.0.0.1>;tag=a")
            .Add(HeaderKind.To, $"<sip:{User}@127.0.0.1>;tag=b")
            .Add(HeaderKind.CallId, "reg-1")
            .Add(HeaderKind.CSeq, "1 REGISTER");
        foreach (string challenge in challenges) builder.Add(HeaderKind.WwwAuthenticate, challenge);
        return builder.Build();
    }

    private static SipMessage Register(string authorization) =>
        SipMessageBuilder.Request("REGISTER", Uri)
            .Add(HeaderKind.Via, "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKtest2")
            .Add(HeaderKind.From, $"<sip:{User}@127.0.0.1>;tag=a")
            .Add(HeaderKind.To, $"<sip:{User}@127.0.0.1>")
            .Add(HeaderKind.CallId, "reg-1")
            .Add(HeaderKind.CSeq, "2 REGISTER")
            .Add(HeaderKind.Contact, $"<sip:{User}@127.0.0.1:5070>")
            .Add(HeaderKind.Authorization, authorization)
            .Build();

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void Answer_RegistrarChallenge_AuthenticatesWithTheRegistrar(string algorithm)
    {
        var registrar = Registrar(algorithm);

        string authorization = DigestRegistration.Answer(Challenge(registrar.Challenges(stale: false)), User, Password, Uri);

        Assert.Equal(DigestOutcome.Authenticated, registrar.Verify(Register(authorization), out string? user));
        Assert.Equal(User, user);
    }

    [Fact]
    public void Answer_BothAlgorithmsOffered_ChoosesSha256()
    {
        var registrar = Registrar("SHA-256", "MD5");

        string authorization = DigestRegistration.Answer(Challenge(registrar.Challenges(stale: false)), User, Password, Uri);

        Assert.Contains("algorithm=SHA-256", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_TwoPhonesHandedTheSameNonce_BothAuthenticate()
    {
        // Phones challenged in the same millisecond get the same nonce; each answer must carry a higher count.
        var registrar = Registrar("SHA-256");
        var challenge = Challenge(registrar.Challenges(stale: false));

        string first = DigestRegistration.Answer(challenge, User, Password, Uri);
        string second = DigestRegistration.Answer(challenge, User, Password, Uri);

        Assert.Equal(DigestOutcome.Authenticated, registrar.Verify(Register(first), out _));
        Assert.Equal(DigestOutcome.Authenticated, registrar.Verify(Register(second), out _));
    }

    [Fact]
    public void Answer_WrongPassword_RegistrarRefuses()
    {
        var registrar = Registrar("SHA-256");

        string authorization = DigestRegistration.Answer(Challenge(registrar.Challenges(stale: false)), User, "not-the-password", Uri);

        Assert.Equal(DigestOutcome.Invalid, registrar.Verify(Register(authorization), out _));
    }

    [Fact]
    public void Answer_NoDigestChallenge_ClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            DigestRegistration.Answer(Challenge(["Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"]), User, Password, Uri));

        Assert.Contains("no digest challenge", e.Message, StringComparison.Ordinal);
    }
}
