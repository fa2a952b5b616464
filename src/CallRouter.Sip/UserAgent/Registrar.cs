using System.Globalization;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// A registrar (RFC 3261 §10.3): digest-authenticated REGISTER, several contacts per address-of-record,
/// expiry from the Expires parameter or header (423 below the minimum), "*" to remove everything,
/// Call-ID/CSeq ordering. Bindings are in memory and expire on the injected clock.
/// </summary>
public sealed class Registrar
{
    private readonly RegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, List<RegistrarBinding>> _bindings = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public Registrar(RegistrarOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        Authenticator = new DigestAuthenticator(options, time);
    }

    public DigestAuthenticator Authenticator { get; }

    /// <summary>The live contacts of an address-of-record such as "sip:agent1@callrouter".</summary>
    public IReadOnlyList<RegistrarBinding> Lookup(string addressOfRecord)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _bindings.TryGetValue(addressOfRecord, out var list) ? list.Where(b => b.ExpiresAt > now).ToArray() : [];
        }
    }

    public static string AddressOfRecord(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"{(uri.Scheme == UriScheme.Sips ? "sips" : "sip")}:{uri.User}@{uri.Host}".ToLowerInvariant();
    }

    public void Handle(ServerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var request = transaction.Request;
        string toTag = SipIds.NewTag();
        string aor = AddressOfRecord(request.To.Uri);
        if (_options.Credentials.Count > 0)
        {
            var outcome = Authenticator.Verify(request, out var user);
            if (outcome != DigestOutcome.Authenticated)
            {
                UserAgentLog.Register(_logger, aor, outcome.ToString());
                transaction.Respond(401, toTag: toTag, customise: b =>
                {
                    foreach (var challenge in Authenticator.Challenges(stale: outcome == DigestOutcome.Stale)) b.Add(HeaderKind.WwwAuthenticate, challenge);
                });
                return;
            }

            if (!string.Equals(user, request.To.Uri.User, StringComparison.Ordinal))
            {
                // A user may only change its own bindings (§10.3 step 6).
                transaction.Respond(403, "Forbidden - Not Your Address Of Record", toTag);
                return;
            }
        }

        var status = Update(request, aor, out string? reason);
        if (status == 423)
        {
            transaction.Respond(423, toTag: toTag, customise: b => b.Add(HeaderKind.MinExpires, _options.MinExpiresSeconds.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        if (status != 200)
        {
            transaction.Respond(status, reason, toTag);
            return;
        }

        var now = _time.GetUtcNow();
        UserAgentLog.Register(_logger, aor, "200");
        transaction.Respond(200, toTag: toTag, customise: b =>
        {
            foreach (var binding in Lookup(aor))
            {
                int left = (int)Math.Ceiling((binding.ExpiresAt - now).TotalSeconds);
                b.Add(HeaderKind.Contact, $"<{binding.Contact}>;expires={left.ToString(CultureInfo.InvariantCulture)}");
            }

            b.Add(HeaderKind.Date, now.ToString("r", CultureInfo.InvariantCulture));
        });
    }

    private int Update(SipMessage request, string aor, out string? reason)
    {
        reason = null;
        var contacts = new List<NameAddress>();
        foreach (var value in request.GetHeaderValues(HeaderKind.Contact))
        {
            if (!NameAddress.TryParse(value, out var contact))
            {
                reason = "Bad Request - Malformed Contact";
                return 400;
            }

            contacts.Add(contact!);
        }

        int? headerExpires = int.TryParse(request.GetHeader(HeaderKind.Expires), NumberStyles.None, CultureInfo.InvariantCulture, out int e) ? e : null;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var list = _bindings.TryGetValue(aor, out var existing) ? existing : [];
            list.RemoveAll(b => b.ExpiresAt <= now);
            if (contacts.Any(c => c.IsWildcard))
            {
                if (contacts.Count != 1 || headerExpires != 0)
                {
                    reason = "Bad Request - Wildcard Contact Needs Expires 0";
                    return 400;
                }

                list.Clear();
                _bindings.Remove(aor);
                return 200;
            }

            foreach (var contact in contacts)
            {
                int expires = int.TryParse(contact.Parameters["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : headerExpires ?? _options.DefaultExpiresSeconds;
                if (expires > 0 && expires < _options.MinExpiresSeconds) return 423;
                expires = Math.Min(expires, _options.MaxExpiresSeconds);
                int index = list.FindIndex(b => b.Contact.Equals(contact.Uri));
                if (index >= 0 && list[index].CallId == request.CallId && list[index].CSeq >= request.CSeqNumber)
                {
                    reason = "Server Internal Error - REGISTER Out Of Order";
                    return 500;
                }

                if (index >= 0) list.RemoveAt(index);
                if (expires == 0) continue;
                if (index < 0 && _bindings.Values.Sum(l => l.Count) >= _options.MaxBindings)
                {
                    reason = "Service Unavailable - Registrar Full";
                    return 503;
                }

                list.Add(new RegistrarBinding(aor, contact.Uri, now.AddSeconds(expires), request.CallId, request.CSeqNumber));
            }

            if (list.Count > 0) _bindings[aor] = list;
            else _bindings.Remove(aor);
            return 200;
        }
    }
}
