using System.Globalization;
using System.Text.RegularExpressions;
using CallRouter.Sip.Message;
using CallRouter.Sip.Tests.Transactions;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Sip.Tests.UserAgent;

public class RegistrarTests
{
    private readonly TransactionTestKit _kit = new();
    private readonly RegistrarOptions _options = new() { Credentials = { ["agent1"] = "s3cret", ["agent2"] = "other" }, MinExpiresSeconds = 60 };
    private readonly Registrar _registrar;
    private int _cseq;

    public RegistrarTests() => _registrar = new Registrar(_options, _kit.Time, NullLogger.Instance);

    private SipMessage Register(string? authorization = null, string contact = "<sip:agent1@10.0.0.5:5062>", string? expires = "300", string user = "agent1")
    {
        _cseq++;
        var lines = new List<string>
        {
            "REGISTER sip:127.0.0.1 SIP/2.0",
            $"Via: SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bKreg{_cseq}",
            "Max-Forwards: 70",
            $"To: <sip:{user}@127.0.0.1>",
            $"From: <sip:{user}@127.0.0.1>;tag=r1",
            "Call-ID: reg-call",
            $"CSeq: {_cseq} REGISTER",
            $"Contact: {contact}",
        };
        if (expires is not null) lines.Add($"Expires: {expires}");
        if (authorization is not null) lines.Add($"Authorization: {authorization}");
        lines.AddRange(["Content-Length: 0", "", ""]);
        var request = TransactionTestKit.Parse(SipSamples.Lines([.. lines]));
        _kit.Deliver(request);
        _registrar.Handle(_kit.Requests[^1]);
        return _kit.Sender.Sent[^1].Message;
    }

    private static string Authorize(SipMessage challenge, string algorithm, string password = "s3cret", string user = "agent1")
    {
        var header = Challenges(challenge).First(h => h.Contains($"algorithm={algorithm}", StringComparison.Ordinal));
        string nonce = Regex.Match(header, "nonce=\"([^\"]+)\"").Groups[1].Value;
        string realm = Regex.Match(header, "realm=\"([^\"]+)\"").Groups[1].Value;
        const string uri = "sip:127.0.0.1";
        const string nc = "00000001";
        const string cnonce = "0a4f113b";
        string ha1 = DigestAuthenticator.Hash(algorithm, $"{user}:{realm}:{password}");
        string ha2 = DigestAuthenticator.Hash(algorithm, $"REGISTER:{uri}");
        string response = DigestAuthenticator.Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm={algorithm}, cnonce=\"{cnonce}\", qop=auth, nc={nc}";
    }

    private static IEnumerable<string> Challenges(SipMessage response) =>
        Enumerable.Range(0, response.HeaderCount).Where(i => response.GetHeaderKind(i) == HeaderKind.WwwAuthenticate).Select(response.GetHeaderValue);

    [Fact]
    public void Register_WithoutCredentials_IsChallengedWithSha256ThenMd5()
    {
        var response = Register();

        Assert.Equal(401, response.StatusCode);
        var challenges = Challenges(response).ToList();
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.Contains("qop=\"auth\"", challenges[0], StringComparison.Ordinal);
        Assert.Empty(_registrar.Lookup("sip:agent1@127.0.0.1"));
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void Register_WithCorrectDigest_BindsContactWithExpiry(string algorithm)
    {
        var challenge = Register();

        var response = Register(Authorize(challenge, algorithm));

        Assert.Equal(200, response.StatusCode);
        Assert.Contains(";expires=300", response.GetHeader(HeaderKind.Contact), StringComparison.Ordinal);
        var binding = Assert.Single(_registrar.Lookup("sip:agent1@127.0.0.1"));
        Assert.Equal("10.0.0.5", binding.Contact.Host);
    }

    [Fact]
    public void Register_ReplayedAuthorization_IsRefusedByNonceCount()
    {
        var challenge = Register();
        string authorization = Authorize(challenge, "SHA-256");
        Assert.Equal(200, Register(authorization).StatusCode);

        var replay = Register(authorization);

        Assert.Equal(401, replay.StatusCode);
    }

    [Fact]
    public void Register_TwoPhonesChallengedInTheSameMillisecond_BothAcceptedWithTheirFirstNonceCount()
    {
        // The fake clock does not move between the two challenges: each still gets its own nonce, so
        // the second phone's nc=1 is not mistaken for a replay of the first's.
        var firstChallenge = Register();
        var secondChallenge = Register(contact: "<sip:agent2@10.0.0.6:5062>", user: "agent2");

        var first = Register(Authorize(firstChallenge, "SHA-256"));
        var second = Register(Authorize(secondChallenge, "SHA-256", password: "other", user: "agent2"), contact: "<sip:agent2@10.0.0.6:5062>", user: "agent2");

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Single(_registrar.Lookup("sip:agent2@127.0.0.1"));
    }

    [Fact]
    public void Register_WrongPassword_IsChallengedAgainWithoutStale()
    {
        var challenge = Register();

        var response = Register(Authorize(challenge, "SHA-256", password: "wrong"));

        Assert.Equal(401, response.StatusCode);
        Assert.DoesNotContain(Challenges(response), c => c.Contains("stale=true", StringComparison.Ordinal));
        Assert.Empty(_registrar.Lookup("sip:agent1@127.0.0.1"));
    }

    [Fact]
    public void Register_NonceOlderThanLifetime_IsChallengedWithStaleTrue()
    {
        var challenge = Register();
        string authorization = Authorize(challenge, "SHA-256");

        // Six minutes later the five-minute nonce has expired, though the password was right.
        _kit.Time.Advance(TimeSpan.FromMinutes(6));
        var response = Register(authorization);

        Assert.Equal(401, response.StatusCode);
        Assert.All(Challenges(response), c => Assert.Contains("stale=true", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Register_ForSomeoneElsesAddress_IsForbidden()
    {
        _options.Credentials["agent2"] = "other";
        var challenge = Register(user: "agent2");

        var response = Register(Authorize(challenge, "MD5", password: "s3cret", user: "agent1"), user: "agent2");

        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public void Register_ExpiresBelowMinimum_Gets423WithMinExpires()
    {
        _options.Credentials.Clear();

        var response = Register(expires: "10");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.GetHeader(HeaderKind.MinExpires));
    }

    [Fact]
    public void Register_SeveralContactsThenExpiry_BindingsLapseOnTheClock()
    {
        _options.Credentials.Clear();
        Register(contact: "<sip:agent1@10.0.0.5:5062>;expires=120");
        Register(contact: "<sip:agent1@10.0.0.6:5062>", expires: "600");

        Assert.Equal(2, _registrar.Lookup("sip:agent1@127.0.0.1").Count);
        _kit.Time.Advance(TimeSpan.FromSeconds(121));
        var left = Assert.Single(_registrar.Lookup("sip:agent1@127.0.0.1"));
        Assert.Equal("10.0.0.6", left.Contact.Host);
    }

    [Fact]
    public void Register_ExpiresZero_RemovesThatContact()
    {
        _options.Credentials.Clear();
        Register();

        var response = Register(expires: "0");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_registrar.Lookup("sip:agent1@127.0.0.1"));
    }

    [Fact]
    public void Register_WildcardWithExpiresZero_RemovesEveryBinding()
    {
        _options.Credentials.Clear();
        Register(contact: "<sip:agent1@10.0.0.5>");
        Register(contact: "<sip:agent1@10.0.0.6>");

        var response = Register(contact: "*", expires: "0");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_registrar.Lookup("sip:agent1@127.0.0.1"));
    }

    [Fact]
    public void Register_WildcardWithoutExpiresZero_IsBadRequest()
    {
        _options.Credentials.Clear();

        var response = Register(contact: "*", expires: "60");

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void Register_MaxExpires_CapsTheRequestedInterval()
    {
        _options.Credentials.Clear();

        var response = Register(expires: "99999");

        Assert.Contains($";expires={_options.MaxExpiresSeconds.ToString(CultureInfo.InvariantCulture)}", response.GetHeader(HeaderKind.Contact), StringComparison.Ordinal);
    }
}
