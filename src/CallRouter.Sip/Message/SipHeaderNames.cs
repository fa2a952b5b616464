using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>
/// Header-name lookup: case-insensitive, compact forms folded into their long names (RFC 3261 §7.3.3),
/// no allocation. Also says which headers are comma-separated lists.
/// </summary>
public static class SipHeaderNames
{
    private static readonly (HeaderKind Kind, string Name, char Compact, bool IsList)[] s_table =
    [
        (HeaderKind.Accept, "Accept", '\0', true),
        (HeaderKind.AcceptEncoding, "Accept-Encoding", '\0', true),
        (HeaderKind.AcceptLanguage, "Accept-Language", '\0', true),
        (HeaderKind.AlertInfo, "Alert-Info", '\0', true),
        (HeaderKind.Allow, "Allow", '\0', true),
        (HeaderKind.AllowEvents, "Allow-Events", 'u', true),
        (HeaderKind.AuthenticationInfo, "Authentication-Info", '\0', false),
        (HeaderKind.Authorization, "Authorization", '\0', false),
        (HeaderKind.CallId, "Call-ID", 'i', false),
        (HeaderKind.CallInfo, "Call-Info", '\0', true),
        (HeaderKind.Contact, "Contact", 'm', true),
        (HeaderKind.ContentDisposition, "Content-Disposition", '\0', false),
        (HeaderKind.ContentEncoding, "Content-Encoding", 'e', true),
        (HeaderKind.ContentLanguage, "Content-Language", '\0', true),
        (HeaderKind.ContentLength, "Content-Length", 'l', false),
        (HeaderKind.ContentType, "Content-Type", 'c', false),
        (HeaderKind.CSeq, "CSeq", '\0', false),
        (HeaderKind.Date, "Date", '\0', false),
        (HeaderKind.ErrorInfo, "Error-Info", '\0', true),
        (HeaderKind.Event, "Event", 'o', false),
        (HeaderKind.Expires, "Expires", '\0', false),
        (HeaderKind.From, "From", 'f', false),
        (HeaderKind.InReplyTo, "In-Reply-To", '\0', true),
        (HeaderKind.MaxForwards, "Max-Forwards", '\0', false),
        (HeaderKind.MimeVersion, "MIME-Version", '\0', false),
        (HeaderKind.MinExpires, "Min-Expires", '\0', false),
        (HeaderKind.Organization, "Organization", '\0', false),
        (HeaderKind.Priority, "Priority", '\0', false),
        (HeaderKind.ProxyAuthenticate, "Proxy-Authenticate", '\0', false),
        (HeaderKind.ProxyAuthorization, "Proxy-Authorization", '\0', false),
        (HeaderKind.ProxyRequire, "Proxy-Require", '\0', true),
        (HeaderKind.RecordRoute, "Record-Route", '\0', true),
        (HeaderKind.ReferTo, "Refer-To", 'r', false),
        (HeaderKind.ReferredBy, "Referred-By", 'b', false),
        (HeaderKind.Replaces, "Replaces", '\0', false),
        (HeaderKind.ReplyTo, "Reply-To", '\0', false),
        (HeaderKind.Require, "Require", '\0', true),
        (HeaderKind.RetryAfter, "Retry-After", '\0', false),
        (HeaderKind.Route, "Route", '\0', true),
        (HeaderKind.Server, "Server", '\0', false),
        (HeaderKind.Subject, "Subject", 's', false),
        (HeaderKind.SubscriptionState, "Subscription-State", '\0', false),
        (HeaderKind.Supported, "Supported", 'k', true),
        (HeaderKind.Timestamp, "Timestamp", '\0', false),
        (HeaderKind.To, "To", 't', false),
        (HeaderKind.Unsupported, "Unsupported", '\0', true),
        (HeaderKind.UserAgent, "User-Agent", '\0', false),
        (HeaderKind.Via, "Via", 'v', true),
        (HeaderKind.Warning, "Warning", '\0', true),
        (HeaderKind.WwwAuthenticate, "WWW-Authenticate", '\0', false),
    ];

    private static readonly string[] s_names = BuildNames();
    private static readonly bool[] s_isList = BuildIsList();
    private static readonly HeaderKind[] s_compact = BuildCompact();
    private static readonly (byte[] Name, HeaderKind Kind)[][] s_byLength = BuildByLength();

    /// <summary>The canonical (long) name of a known header.</summary>
    public static string CanonicalName(HeaderKind kind) => s_names[(int)kind];

    /// <summary>True for headers whose value is a comma-separated list (RFC 3261 §7.3.1).</summary>
    public static bool IsList(HeaderKind kind) => s_isList[(int)kind];

    public static HeaderKind Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            byte c = (byte)(name[0] | 0x20);
            return c < s_compact.Length ? s_compact[c] : HeaderKind.Other;
        }

        if (name.Length >= s_byLength.Length)
        {
            return HeaderKind.Other;
        }

        foreach (var (candidate, kind) in s_byLength[name.Length])
        {
            if (System.Text.Ascii.EqualsIgnoreCase(name, candidate))
            {
                return kind;
            }
        }

        return HeaderKind.Other;
    }

    public static HeaderKind Lookup(string name) => Lookup(Encoding.ASCII.GetBytes(name));

    private static string[] BuildNames()
    {
        var names = new string[Enum.GetValues<HeaderKind>().Length];
        foreach (var entry in s_table) names[(int)entry.Kind] = entry.Name;
        names[0] = string.Empty;
        return names;
    }

    private static bool[] BuildIsList()
    {
        var list = new bool[Enum.GetValues<HeaderKind>().Length];
        foreach (var entry in s_table) list[(int)entry.Kind] = entry.IsList;
        return list;
    }

    private static HeaderKind[] BuildCompact()
    {
        var compact = new HeaderKind[128];
        foreach (var entry in s_table)
        {
            if (entry.Compact != '\0') compact[entry.Compact] = entry.Kind;
        }

        return compact;
    }

    private static (byte[], HeaderKind)[][] BuildByLength()
    {
        int max = s_table.Max(e => e.Name.Length);
        var byLength = new (byte[], HeaderKind)[max + 1][];
        for (int length = 0; length <= max; length++)
        {
            byLength[length] = s_table
                .Where(e => e.Name.Length == length)
                .Select(e => (Encoding.ASCII.GetBytes(e.Name), e.Kind))
                .ToArray();
        }

        return byLength;
    }
}
