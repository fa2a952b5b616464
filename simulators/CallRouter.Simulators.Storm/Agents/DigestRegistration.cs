using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Simulators.Storm.Agents;

/// <summary>
/// A softphone's REGISTER with digest authentication (RFC 3261 §10, §22; RFC 7616/8760 digest with
/// SHA-256 preferred, MD5 otherwise): the first REGISTER is challenged, the second answers it.
/// </summary>
internal static partial class DigestRegistration
{
    private const int MaxAttempts = 10;

    // One increasing nonce-count for every phone of this process: phones that were handed the same nonce
    // then use different counts, so most of them pass the registrar's replay check the first time.
    private static long s_nonceCount;

    public static async Task RegisterAsync(SipStack sip, SipEndPoint registrar, string user, string password, int expiresSeconds, CancellationToken cancellationToken)
    {
        var local = sip.LocalEndPoints.First(e => e.Protocol == TransportProtocol.Udp);
        string host = local.Address.Address.ToString();
        string aor = $"sip:{user}@{registrar.Address.Address}";
        string requestUri = $"sip:{registrar.Address.Address}";
        string contact = $"<sip:{user}@{host}:{local.Address.Port}>";
        string callId = $"{Guid.NewGuid():N}@{host}";
        string fromTag = SipIds.NewTag();

        SipMessage Request(int cseq, string? authorization)
        {
            var builder = SipMessageBuilder.Request("REGISTER", requestUri)
                .Add(HeaderKind.Via, $"SIP/2.0/UDP {host}:{local.Address.Port};branch={SipIds.NewBranch()};rport")
                .Add(HeaderKind.MaxForwards, "70")
                .Add(HeaderKind.From, $"<{aor}>;tag={fromTag}")
                .Add(HeaderKind.To, $"<{aor}>")
                .Add(HeaderKind.CallId, callId)
                .Add(HeaderKind.CSeq, $"{cseq} REGISTER")
                .Add(HeaderKind.Contact, contact)
                .Add(HeaderKind.Expires, expiresSeconds.ToString(CultureInfo.InvariantCulture))
                .Add(HeaderKind.UserAgent, "callrouter-storm");
            if (authorization is not null) builder.Add(HeaderKind.Authorization, authorization);
            return builder.Build();
        }

        var response = await sip.SendRequestAsync(Request(1, null), registrar, cancellationToken).ConfigureAwait(false);
        // The registrar's nonces are millisecond stamps: phones challenged in the same millisecond share a
        // nonce, and a count not above the last one seen for it is refused as a replay. A fresh challenge comes
        // with the refusal, so answer that one (a few times, a little later each time).
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (response.StatusCode is >= 200 and < 300) return;
            if (response.StatusCode != 401) break;
            if (attempt > 1) await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20 * attempt)), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            string authorization = Answer(response, user, password, requestUri);
            response = await sip.SendRequestAsync(Request(attempt + 1, authorization), registrar, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode is < 200 or >= 300)
        {
            throw new InvalidOperationException(
                $"REGISTER {user}: {response.StatusCode} {response.ReasonPhrase} (does the server know the softphone password? see docs/storm.md)");
        }
    }

    /// <summary>The Authorization header answering the strongest challenge we understand in a 401.</summary>
    internal static string Answer(SipMessage challenge, string user, string password, string uri)
    {
        var challenges = Enumerable.Range(0, challenge.HeaderCount)
            .Where(i => challenge.GetHeaderKind(i) == HeaderKind.WwwAuthenticate)
            .Select(challenge.GetHeaderValue)
            .ToList();
        string header = challenges.FirstOrDefault(h => h.Contains("algorithm=SHA-256", StringComparison.OrdinalIgnoreCase))
            ?? challenges.FirstOrDefault(h => h.Contains("algorithm=MD5", StringComparison.OrdinalIgnoreCase) || !h.Contains("algorithm=", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"REGISTER {user}: no digest challenge with SHA-256 or MD5 in the 401");
        string algorithm = header.Contains("algorithm=SHA-256", StringComparison.OrdinalIgnoreCase) ? "SHA-256" : "MD5";
        string realm = Field(header, "realm");
        string nonce = Field(header, "nonce");
        string? opaque = OptionalField(header, "opaque");
        string nc = Interlocked.Increment(ref s_nonceCount).ToString("x8", CultureInfo.InvariantCulture);
        string cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string ha1 = DigestAuthenticator.Hash(algorithm, $"{user}:{realm}:{password}");
        string ha2 = DigestAuthenticator.Hash(algorithm, $"REGISTER:{uri}");
        string response = DigestAuthenticator.Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
        string value = $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", "
            + $"algorithm={algorithm}, cnonce=\"{cnonce}\", qop=auth, nc={nc}";
        return opaque is null ? value : value + $", opaque=\"{opaque}\"";
    }

    private static string Field(string header, string name) =>
        OptionalField(header, name) ?? throw new InvalidOperationException($"digest challenge without {name}");

    private static string? OptionalField(string header, string name)
    {
        var match = FieldPattern().Match(header);
        while (match.Success)
        {
            if (string.Equals(match.Groups[1].Value, name, StringComparison.OrdinalIgnoreCase)) return match.Groups[2].Value;
            match = match.NextMatch();
        }

        return null;
    }

    [GeneratedRegex("([A-Za-z-]+)=\"([^\"]*)\"")]
    private static partial Regex FieldPattern();
}
