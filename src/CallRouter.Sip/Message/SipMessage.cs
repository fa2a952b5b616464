using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>
/// A parsed SIP request or response. It keeps the raw bytes and an index of header offsets; strings
/// and typed header values are decoded only when asked for, then cached. Instances are immutable and
/// safe to share between threads once built (the caches are idempotent).
/// </summary>
public sealed class SipMessage
{
    private readonly ReadOnlyMemory<byte> _raw;
    private readonly HeaderEntry[] _headers;
    private readonly StartLine _start;
    private readonly int _bodyStart;
    private readonly int _bodyLength;

    private string? _methodName;
    private string? _callId;
    private SipUri? _requestUri;
    private ViaHeader? _topVia;
    private NameAddress? _from;
    private NameAddress? _to;

    internal SipMessage(ReadOnlyMemory<byte> raw, StartLine start, HeaderEntry[] headers, int bodyStart, int bodyLength)
    {
        _raw = raw;
        _start = start;
        _headers = headers;
        _bodyStart = bodyStart;
        _bodyLength = bodyLength;
    }

    /// <summary>The message exactly as received or built, start line to end of body.</summary>
    public ReadOnlyMemory<byte> Raw => _raw;

    public bool IsRequest => _start.IsRequest;

    public bool IsResponse => !_start.IsRequest;

    /// <summary>The request method, or for a response the method named in its CSeq.</summary>
    public SipMethod Method => _start.IsRequest ? _start.Method : _start.CSeqMethod;

    public string MethodName => _methodName ??= _start.IsRequest
        ? (_start.Method != SipMethod.Unknown ? SipMethods.ToName(_start.Method) : Decode(0, _start.MethodLength))
        : CSeqMethodName;

    public int StatusCode => _start.StatusCode;

    public string ReasonPhrase => _start.IsRequest ? string.Empty : Decode(_start.ReasonStart, _start.ReasonLength);

    public string RequestUriText => Decode(_start.UriStart, _start.UriLength);

    /// <summary>The parsed Request-URI; throws <see cref="FormatException"/> if it does not follow RFC 3261 §19.1 / RFC 3966.</summary>
    public SipUri RequestUri => _requestUri ??= SipUri.Parse(RequestUriText);

    public uint CSeqNumber => _start.CSeqNumber;

    public SipMethod CSeqMethod => _start.CSeqMethod;

    public string CSeqMethodName => _start.CSeqMethod != SipMethod.Unknown
        ? SipMethods.ToName(_start.CSeqMethod)
        : Decode(_start.CSeqMethodStart, _start.CSeqMethodLength);

    public string CallId => _callId ??= GetHeader(HeaderKind.CallId)!;

    /// <summary>The first Via value; throws <see cref="FormatException"/> if malformed.</summary>
    public ViaHeader TopVia => _topVia ??= ViaHeader.Parse(FirstListValue(HeaderKind.Via)!);

    public NameAddress From => _from ??= NameAddress.Parse(GetHeader(HeaderKind.From)!);

    public NameAddress To => _to ??= NameAddress.Parse(GetHeader(HeaderKind.To)!);

    public int HeaderCount => _headers.Length;

    /// <summary>A hash of the raw Call-ID bytes, without decoding them; used to keep a call's messages on one queue.</summary>
    internal int CallIdHash
    {
        get
        {
            int index = IndexOf(HeaderKind.CallId, 0);
            var hash = default(HashCode);
            if (index >= 0) hash.AddBytes(GetRawHeaderValue(index));
            return hash.ToHashCode();
        }
    }

    public ReadOnlyMemory<byte> Body => _raw.Slice(_bodyStart, _bodyLength);

    public int BodyLength => _bodyLength;

    public string? ContentType => GetHeader(HeaderKind.ContentType);

    public HeaderKind GetHeaderKind(int index) => _headers[index].Kind;

    /// <summary>The header's name as written on the wire (compact or long).</summary>
    public string GetHeaderName(int index) => Decode(_headers[index].NameStart, _headers[index].NameLength);

    /// <summary>The canonical long name for known headers, the wire name otherwise.</summary>
    public string GetCanonicalHeaderName(int index) =>
        _headers[index].Kind == HeaderKind.Other ? GetHeaderName(index) : SipHeaderNames.CanonicalName(_headers[index].Kind);

    /// <summary>The header value, trimmed and with line folding replaced by single spaces.</summary>
    public string GetHeaderValue(int index)
    {
        var entry = _headers[index];
        var raw = _raw.Span.Slice(entry.ValueStart, entry.ValueLength);
        return entry.Folded ? Unfold(raw) : Encoding.UTF8.GetString(raw);
    }

    public ReadOnlySpan<byte> GetRawHeaderName(int index) => _raw.Span.Slice(_headers[index].NameStart, _headers[index].NameLength);

    public ReadOnlySpan<byte> GetRawHeaderValue(int index) => _raw.Span.Slice(_headers[index].ValueStart, _headers[index].ValueLength);

    public bool HasHeader(HeaderKind kind) => IndexOf(kind, 0) >= 0;

    public string? GetHeader(HeaderKind kind)
    {
        int index = IndexOf(kind, 0);
        return index < 0 ? null : GetHeaderValue(index);
    }

    /// <summary>First header whose name matches, case-insensitively, including compact forms of known headers.</summary>
    public string? GetHeader(string name)
    {
        var kind = SipHeaderNames.Lookup(name);
        if (kind != HeaderKind.Other) return GetHeader(kind);
        for (int i = 0; i < _headers.Length; i++)
        {
            if (_headers[i].Kind == HeaderKind.Other && string.Equals(GetHeaderName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return GetHeaderValue(i);
            }
        }

        return null;
    }

    /// <summary>All values of a header across every occurrence, comma lists split (RFC 3261 §7.3.1).</summary>
    public IReadOnlyList<string> GetHeaderValues(HeaderKind kind)
    {
        var values = new List<string>();
        for (int i = IndexOf(kind, 0); i >= 0; i = IndexOf(kind, i + 1))
        {
            string value = GetHeaderValue(i);
            if (SipHeaderNames.IsList(kind))
            {
                HeaderValueSplitter.Split(value, values);
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }

    public IReadOnlyList<ViaHeader> GetVias() => GetHeaderValues(HeaderKind.Via).Select(ViaHeader.Parse).ToArray();

    public override string ToString() => Encoding.UTF8.GetString(_raw.Span);

    private string? FirstListValue(HeaderKind kind)
    {
        int index = IndexOf(kind, 0);
        if (index < 0) return null;
        var raw = GetRawHeaderValue(index);
        int comma = HeaderValueSplitter.FirstSeparator(raw);
        if (comma < 0) return GetHeaderValue(index);
        string value = GetHeaderValue(index);
        var list = new List<string>(2);
        HeaderValueSplitter.Split(value, list);
        return list[0];
    }

    private int IndexOf(HeaderKind kind, int from)
    {
        for (int i = from; i < _headers.Length; i++)
        {
            if (_headers[i].Kind == kind) return i;
        }

        return -1;
    }

    private string Decode(int start, int length) => Encoding.UTF8.GetString(_raw.Span.Slice(start, length));

    private static string Unfold(ReadOnlySpan<byte> raw)
    {
        string text = Encoding.UTF8.GetString(raw);
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                // A fold (optional WS, CRLF, WS) is one space (RFC 3261 §7.3.1); other spacing is kept as written.
                while (builder.Length > 0 && builder[^1] is ' ' or '\t') builder.Length--;
                while (i + 1 < text.Length && text[i + 1] is '\r' or '\n' or ' ' or '\t') i++;
                builder.Append(' ');
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
