using System.Net;
using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>
/// A SIP, SIPS (RFC 3261 §19.1) or tel (RFC 3966) URI. Components are held unescaped and written back
/// escaped, so parse → ToString → parse gives the same value.
/// </summary>
public sealed class SipUri
{
    private SipUri(UriScheme scheme, string? user, string? password, string host, int? port, SipParameters parameters, IReadOnlyList<KeyValuePair<string, string>> headers, string? otherText)
    {
        Scheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
        _otherText = otherText;
    }

    private readonly string? _otherText;

    public UriScheme Scheme { get; }

    /// <summary>The user part; for tel URIs the telephone number.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host name, IPv4 address or bracketed IPv6 reference; empty for tel URIs.</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string? Transport => Parameters["transport"];

    public bool IsLooseRouter => Parameters.Contains("lr");

    public static SipUri Create(UriScheme scheme, string? user, string host, int? port = null, SipParameters? parameters = null) =>
        new(scheme, user, null, host, port, parameters ?? new SipParameters(), [], null);

    public SipUri WithParameters(SipParameters parameters) => new(Scheme, User, Password, Host, Port, parameters, Headers, _otherText);

    public SipUri WithHeader(string name, string value) =>
        new(Scheme, User, Password, Host, Port, Parameters, Headers.Append(new KeyValuePair<string, string>(name, value)).ToArray(), _otherText);

    public SipUri WithoutHeaders() => new(Scheme, User, Password, Host, Port, Parameters, [], _otherText);

    public static bool TryParse(string text, out SipUri? uri)
    {
        try
        {
            uri = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            uri = null;
            return false;
        }
    }

    public static SipUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new FormatException("URI has no scheme");
        var schemeText = text.AsSpan(0, colon);
        var rest = text.AsSpan(colon + 1);
        if (rest.IsEmpty) throw new FormatException("URI has nothing after its scheme");
        if (schemeText.Equals("sip", StringComparison.OrdinalIgnoreCase)) return ParseSip(UriScheme.Sip, rest);
        if (schemeText.Equals("sips", StringComparison.OrdinalIgnoreCase)) return ParseSip(UriScheme.Sips, rest);
        if (schemeText.Equals("tel", StringComparison.OrdinalIgnoreCase)) return ParseTel(rest);
        if (text.AsSpan().ContainsAny(" \t\r\n<>\"")) throw new FormatException("malformed absolute URI");
        return new SipUri(UriScheme.Other, null, null, string.Empty, null, new SipParameters(), [], text);
    }

    private static SipUri ParseSip(UriScheme scheme, ReadOnlySpan<char> rest)
    {
        string? user = null;
        string? password = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            int pw = userInfo.IndexOf(':');
            var userPart = pw < 0 ? userInfo : userInfo[..pw];
            if (userPart.IsEmpty) throw new FormatException("empty user part before '@'");
            user = UriEscaping.Unescape(userPart, UriEscaping.UserExtra);
            if (pw >= 0) password = UriEscaping.Unescape(userInfo[(pw + 1)..], UriEscaping.PasswordExtra);
            rest = rest[(at + 1)..];
        }

        int hostEnd;
        if (rest.Length > 0 && rest[0] == '[')
        {
            hostEnd = rest.IndexOf(']') + 1;
            if (hostEnd <= 0) throw new FormatException("unterminated IPv6 reference");
            if (!IPAddress.TryParse(rest[1..(hostEnd - 1)], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                throw new FormatException("malformed IPv6 reference");
            }
        }
        else
        {
            hostEnd = rest.IndexOfAny(":;?");
            if (hostEnd < 0) hostEnd = rest.Length;
            CheckHostName(rest[..hostEnd]);
        }

        string host = rest[..hostEnd].ToString();
        rest = rest[hostEnd..];
        int? port = null;
        if (rest.Length > 0 && rest[0] == ':')
        {
            int portEnd = rest.IndexOfAny(";?");
            if (portEnd < 0) portEnd = rest.Length;
            if (!int.TryParse(rest[1..portEnd], System.Globalization.NumberStyles.None, null, out int p) || p > 65535)
            {
                throw new FormatException("malformed port");
            }

            port = p;
            rest = rest[portEnd..];
        }

        int question = rest.IndexOf('?');
        var paramText = question < 0 ? rest : rest[..question];
        var parameters = ParseUriParameters(paramText);
        var headers = question < 0 ? [] : ParseUriHeaders(rest[(question + 1)..]);
        return new SipUri(scheme, user, password, host, port, parameters, headers, null);
    }

    private static SipUri ParseTel(ReadOnlySpan<char> rest)
    {
        int semi = rest.IndexOf(';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.IsEmpty) throw new FormatException("empty telephone number");
        foreach (char c in number)
        {
            if (!char.IsAsciiDigit(c) && !"+-.()*#ABCDabcdpPwW".Contains(c)) throw new FormatException("malformed telephone number");
        }

        var parameters = semi < 0 ? new SipParameters() : ParseUriParameters(rest[semi..]);
        return new SipUri(UriScheme.Tel, number.ToString(), null, string.Empty, null, parameters, [], null);
    }

    private static void CheckHostName(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty) throw new FormatException("URI has no host");
        foreach (char c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '.' && c != '_') throw new FormatException("malformed host");
        }
    }

    private static SipParameters ParseUriParameters(ReadOnlySpan<char> text)
    {
        var parameters = new SipParameters();
        if (text.IsEmpty) return parameters;
        if (text[0] != ';') throw new FormatException("unexpected text after host");
        foreach (var range in text[1..].Split(';'))
        {
            var part = text[1..][range];
            if (part.IsEmpty) throw new FormatException("empty URI parameter");
            int eq = part.IndexOf('=');
            string name = UriEscaping.Unescape(eq < 0 ? part : part[..eq], UriEscaping.ParamExtra);
            if (name.Length == 0) throw new FormatException("empty URI parameter name");
            parameters.Add(name, eq < 0 ? null : UriEscaping.Unescape(part[(eq + 1)..], UriEscaping.ParamExtra));
        }

        return parameters;
    }

    private static KeyValuePair<string, string>[] ParseUriHeaders(ReadOnlySpan<char> text)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException("malformed URI header");
            headers.Add(new(UriEscaping.Unescape(part[..eq], UriEscaping.HeaderExtra), UriEscaping.Unescape(part[(eq + 1)..], UriEscaping.HeaderExtra)));
        }

        return headers.ToArray();
    }

    public override string ToString()
    {
        if (Scheme == UriScheme.Other) return _otherText!;
        var builder = new StringBuilder(64);
        builder.Append(Scheme switch { UriScheme.Sip => "sip:", UriScheme.Sips => "sips:", _ => "tel:" });
        if (Scheme == UriScheme.Tel)
        {
            builder.Append(User);
        }
        else
        {
            if (User is not null)
            {
                UriEscaping.Append(builder, User, UriEscaping.UserExtra);
                if (Password is not null)
                {
                    builder.Append(':');
                    UriEscaping.Append(builder, Password, UriEscaping.PasswordExtra);
                }

                builder.Append('@');
            }

            builder.Append(Host);
            if (Port is int port) builder.Append(':').Append(port);
        }

        foreach (var (name, value) in Parameters.Items)
        {
            builder.Append(';');
            UriEscaping.Append(builder, name, UriEscaping.ParamExtra);
            if (value is null) continue;
            builder.Append('=');
            UriEscaping.Append(builder, value, UriEscaping.ParamExtra);
        }

        for (int i = 0; i < Headers.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&');
            UriEscaping.Append(builder, Headers[i].Key, UriEscaping.HeaderExtra);
            builder.Append('=');
            UriEscaping.Append(builder, Headers[i].Value, UriEscaping.HeaderExtra);
        }

        return builder.ToString();
    }

    public override bool Equals(object? obj) => obj is SipUri other && string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());
}
