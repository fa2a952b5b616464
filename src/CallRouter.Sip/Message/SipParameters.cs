using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>An ordered list of ;name[=value] parameters with case-insensitive names; a null value means a flag.</summary>
public sealed class SipParameters
{
    private readonly List<KeyValuePair<string, string?>> _items;

    public SipParameters() => _items = [];

    public SipParameters(IEnumerable<KeyValuePair<string, string?>> items) => _items = items.ToList();

    public int Count => _items.Count;

    public IReadOnlyList<KeyValuePair<string, string?>> Items => _items;

    public bool Contains(string name) => IndexOf(name) >= 0;

    public string? this[string name]
    {
        get
        {
            int index = IndexOf(name);
            return index < 0 ? null : _items[index].Value;
        }
    }

    /// <summary>A copy with <paramref name="name"/> set (replaced in place, or appended).</summary>
    public SipParameters With(string name, string? value)
    {
        var copy = new SipParameters(_items);
        int index = copy.IndexOf(name);
        if (index >= 0) copy._items[index] = new(name, value);
        else copy._items.Add(new(name, value));
        return copy;
    }

    public SipParameters Without(string name) =>
        new(_items.Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Parses header parameters (generic-param, RFC 3261 §25): token [ "=" ( token / host / quoted-string ) ].</summary>
    public static SipParameters ParseHeaderParameters(ReadOnlySpan<char> text)
    {
        var result = new SipParameters();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            if (text[i] != ';') throw new FormatException("expected ';' before a parameter");
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            int nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ';' && !char.IsWhiteSpace(text[i])) i++;
            var name = text[nameStart..i];
            if (!SipSyntax.IsToken(name)) throw new FormatException("malformed parameter name");
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                if (i < text.Length && text[i] == '"')
                {
                    value = QuotedString.Read(text, ref i);
                }
                else
                {
                    int valueStart = i;
                    while (i < text.Length && text[i] != ';' && !char.IsWhiteSpace(text[i])) i++;
                    value = text[valueStart..i].ToString();
                    if (value.Length == 0 || value.IndexOfAny(['"', '<', '>', ',']) >= 0) throw new FormatException("malformed parameter value");
                }
            }

            result._items.Add(new(name.ToString(), value));
        }

        return result;
    }

    /// <summary>Writes ;name[=value] for header parameters; values that are not tokens are quoted.</summary>
    public void AppendHeaderParameters(StringBuilder builder)
    {
        foreach (var (name, value) in _items)
        {
            builder.Append(';').Append(name);
            if (value is null) continue;
            builder.Append('=');
            if (NeedsQuoting(value)) QuotedString.Append(builder, value);
            else builder.Append(value);
        }
    }

    internal void Add(string name, string? value) => _items.Add(new(name, value));

    private static bool NeedsQuoting(string value)
    {
        if (value.Length == 0) return true;
        foreach (char c in value)
        {
            // host and IPv6 references are legal unquoted (gen-value = token / host / quoted-string).
            if (c is ':' or '[' or ']') continue;
            if (c > 127 || !SipSyntax.TokenChars.Contains(c)) return true;
        }

        return false;
    }

    private int IndexOf(string name) => _items.FindIndex(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
}
