using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>
/// name-addr / addr-spec with header parameters, as in From, To, Contact, Route, Record-Route,
/// Refer-To (RFC 3261 §20.10). Always written back in name-addr form so URI parameters stay unambiguous.
/// </summary>
public sealed class NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? new SipParameters();
    }

    public string? DisplayName { get; }

    public SipUri Uri { get; }

    public SipParameters Parameters { get; }

    public string? Tag => Parameters["tag"];

    /// <summary>True for the Contact value "*" used to remove every binding (RFC 3261 §10.2.2).</summary>
    public bool IsWildcard { get; private init; }

    public static NameAddress Wildcard { get; } = new(SipUri.Create(UriScheme.Sip, null, "invalid")) { IsWildcard = true };

    public NameAddress WithTag(string tag) => new(Uri, DisplayName, Parameters.With("tag", tag));

    public NameAddress WithParameter(string name, string? value) => new(Uri, DisplayName, Parameters.With(name, value));

    public static bool TryParse(string text, out NameAddress? value)
    {
        try
        {
            value = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    public static NameAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();
        if (span.SequenceEqual("*")) return Wildcard;
        string? display = null;
        int i = 0;
        if (span.Length > 0 && span[0] == '"')
        {
            display = QuotedString.Read(span, ref i);
            while (i < span.Length && char.IsWhiteSpace(span[i])) i++;
            if (i >= span.Length || span[i] != '<') throw new FormatException("display name must be followed by <URI>");
        }

        int open = display is null ? span.IndexOf('<') : i;
        if (open >= 0)
        {
            if (display is null)
            {
                var tokens = span[..open].Trim();
                if (!tokens.IsEmpty)
                {
                    // Unquoted display-name = *(token LWS).
                    foreach (var range in tokens.SplitAny(" \t"))
                    {
                        var word = tokens[range];
                        if (!word.IsEmpty && !SipSyntax.IsToken(word)) throw new FormatException("unquoted display name must be tokens");
                    }

                    display = tokens.ToString();
                }
            }

            int close = span[open..].IndexOf('>');
            if (close < 0) throw new FormatException("unterminated <URI>");
            close += open;
            var uri = SipUri.Parse(span[(open + 1)..close].ToString());
            return new NameAddress(uri, display, SipParameters.ParseHeaderParameters(span[(close + 1)..]));
        }

        // addr-spec form: parameters after the URI belong to the header, not the URI (RFC 3261 §20.10).
        int semi = span.IndexOf(';');
        var spec = semi < 0 ? span : span[..semi];
        if (spec.ContainsAny(" \t,?")) throw new FormatException("addr-spec with spaces, commas or headers must be in <>");
        var parameters = semi < 0 ? new SipParameters() : SipParameters.ParseHeaderParameters(span[semi..]);
        return new NameAddress(SipUri.Parse(spec.ToString()), null, parameters);
    }

    public override string ToString()
    {
        if (IsWildcard) return "*";
        var builder = new StringBuilder(80);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            QuotedString.Append(builder, DisplayName);
            builder.Append(' ');
        }

        builder.Append('<').Append(Uri).Append('>');
        Parameters.AppendHeaderParameters(builder);
        return builder.ToString();
    }
}
