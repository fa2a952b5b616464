using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// HTTP digest for SIP (RFC 3261 §22.4, RFC 7616, RFC 8760): MD5 and SHA-256, qop=auth, stateless nonces
/// (timestamp + HMAC with a per-process key) honoured for a configurable lifetime, stale=true when expired.
/// Passwords and digests are never logged.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly RegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private const int MaxTrackedNonces = 50_000;

    private readonly string _opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly Dictionary<string, long> _nonceCounts = new(StringComparer.Ordinal);

    public DigestAuthenticator(RegistrarOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>One WWW-Authenticate value per configured algorithm, most preferred first.</summary>
    public IEnumerable<string> Challenges(bool stale)
    {
        string nonce = NewNonce();
        foreach (var algorithm in _options.Algorithms)
        {
            yield return $"Digest realm=\"{_options.Realm}\", nonce=\"{nonce}\", opaque=\"{_opaque}\", algorithm={algorithm}, qop=\"auth\"" + (stale ? ", stale=true" : string.Empty);
        }
    }

    public DigestOutcome Verify(SipMessage request, out string? userName)
    {
        ArgumentNullException.ThrowIfNull(request);
        userName = null;
        var header = request.GetHeader(HeaderKind.Authorization);
        if (header is null || !header.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) return DigestOutcome.Missing;
        var fields = ParseFields(header.AsSpan(7));
        if (fields is null
            || !fields.TryGetValue("username", out var user)
            || !fields.TryGetValue("realm", out var realm) || realm != _options.Realm
            || !fields.TryGetValue("nonce", out var nonce)
            || !fields.TryGetValue("uri", out var uri)
            || !fields.TryGetValue("response", out var response)
            || !_options.Credentials.TryGetValue(user, out var password))
        {
            return DigestOutcome.Invalid;
        }

        string algorithm = fields.GetValueOrDefault("algorithm") ?? "MD5";
        if (!_options.Algorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase)) return DigestOutcome.Invalid;
        string ha1 = Hash(algorithm, $"{user}:{realm}:{password}");
        string ha2 = Hash(algorithm, $"{request.MethodName}:{uri}");
        string expected = fields.TryGetValue("qop", out var qop)
            ? (qop == "auth" && fields.TryGetValue("nc", out var nc) && fields.TryGetValue("cnonce", out var cnonce)
                ? Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")
                : string.Empty)
            : Hash(algorithm, $"{ha1}:{nonce}:{ha2}");
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
        {
            return DigestOutcome.Invalid;
        }

        var age = NonceAge(nonce);
        if (age is null) return DigestOutcome.Invalid;
        if (age > _options.NonceLifetime)
        {
            userName = user;
            return DigestOutcome.Stale;
        }

        if (qop is not null && !FreshNonceCount(nonce, fields["nc"])) return DigestOutcome.Invalid;
        userName = user;
        return DigestOutcome.Authenticated;
    }

    /// <summary>
    /// Replay protection (RFC 7616 §3.4): each use of a nonce must carry a higher nonce-count. The table is
    /// bounded; entries for nonces past their lifetime are swept when it fills.
    /// </summary>
    private bool FreshNonceCount(string nonce, string ncText)
    {
        if (!long.TryParse(ncText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long nc)) return false;
        lock (_nonceCounts)
        {
            if (_nonceCounts.TryGetValue(nonce, out long last) && nc <= last) return false;
            if (_nonceCounts.Count >= MaxTrackedNonces)
            {
                foreach (var old in _nonceCounts.Keys.Where(n => NonceAge(n) is not { } age || age > _options.NonceLifetime).ToArray()) _nonceCounts.Remove(old);
                if (_nonceCounts.Count >= MaxTrackedNonces) return false;
            }

            _nonceCounts[nonce] = nc;
            return true;
        }
    }

    public static string Hash(string algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)
            ? Convert.ToHexStringLower(SHA256.HashData(bytes))
            : Convert.ToHexStringLower(MD5.HashData(bytes));
    }

    /// <summary>
    /// "issued-ms-hex-random.mac": the random part keeps two challenges issued in the same millisecond
    /// apart, so their nonce-counts are tracked separately and one phone's first use is not taken for a
    /// replay of the other's.
    /// </summary>
    private string NewNonce()
    {
        string issued = _time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        string stamp = $"{issued}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        return $"{stamp}.{Mac(stamp)}";
    }

    /// <summary>How old a nonce we issued is, or null if we did not issue it.</summary>
    private TimeSpan? NonceAge(string nonce)
    {
        int dot = nonce.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        string stamp = nonce[..dot];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(nonce[(dot + 1)..]), Encoding.ASCII.GetBytes(Mac(stamp)))) return null;
        int dash = stamp.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(stamp.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long issued)) return null;
        return _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued);
    }

    private string Mac(string stamp) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(stamp)))[..32];

    /// <summary>auth-param list: name=token or name="quoted", comma separated.</summary>
    private static Dictionary<string, string>? ParseFields(ReadOnlySpan<char> text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            if (i >= text.Length) break;
            int nameStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i])) i++;
            string name = text[nameStart..i].ToString();
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '=') return null;
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                try
                {
                    value = QuotedString.Read(text, ref i);
                }
                catch (FormatException)
                {
                    return null;
                }
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i])) i++;
                value = text[valueStart..i].ToString();
            }

            fields[name] = value;
        }

        return fields;
    }
}
