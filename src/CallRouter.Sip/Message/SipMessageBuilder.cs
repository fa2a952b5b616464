using System.Buffers;
using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>
/// Builds an outgoing message: start line, headers in the order added, an optional body; Content-Length
/// is always written from the body. <see cref="Build"/> returns a parsed <see cref="SipMessage"/> so that
/// every layer handles sent and received messages the same way.
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly string _startLine;
    private readonly List<KeyValuePair<string, string>> _headers = new(16);
    private ReadOnlyMemory<byte> _body;

    private SipMessageBuilder(string startLine) => _startLine = startLine;

    public static SipMessageBuilder Request(string method, SipUri requestUri) => Request(method, requestUri.ToString());

    public static SipMessageBuilder Request(string method, string requestUri)
    {
        if (!SipSyntax.IsToken(method)) throw new ArgumentException("method must be a token", nameof(method));
        return new SipMessageBuilder($"{method} {requestUri} SIP/2.0");
    }

    public static SipMessageBuilder Response(int statusCode, string? reasonPhrase = null)
    {
        if (statusCode is < 100 or > 699) throw new ArgumentOutOfRangeException(nameof(statusCode));
        return new SipMessageBuilder($"SIP/2.0 {statusCode} {reasonPhrase ?? SipReasonPhrases.Get(statusCode)}");
    }

    public SipMessageBuilder Add(HeaderKind kind, string value) => Add(SipHeaderNames.CanonicalName(kind), value);

    public SipMessageBuilder Add(HeaderKind kind, object value) => Add(SipHeaderNames.CanonicalName(kind), value.ToString()!);

    public SipMessageBuilder Add(string name, string value)
    {
        if (SipHeaderNames.Lookup(name) == HeaderKind.ContentLength) return this;
        if (value.AsSpan().ContainsAny("\r\n")) throw new ArgumentException("header values are single lines", nameof(value));
        _headers.Add(new(name, value));
        return this;
    }

    public SipMessageBuilder Remove(HeaderKind kind)
    {
        _headers.RemoveAll(h => SipHeaderNames.Lookup(h.Key) == kind);
        return this;
    }

    public SipMessageBuilder Body(string contentType, ReadOnlyMemory<byte> body)
    {
        Remove(HeaderKind.ContentType);
        Add(HeaderKind.ContentType, contentType);
        _body = body;
        return this;
    }

    public byte[] ToBytes()
    {
        var writer = new ArrayBufferWriter<byte>(512 + _body.Length);
        Write(writer, Encoding.UTF8.GetBytes(_startLine));
        writer.Write("\r\n"u8);
        foreach (var (name, value) in _headers)
        {
            Write(writer, Encoding.UTF8.GetBytes(name));
            writer.Write(": "u8);
            Write(writer, Encoding.UTF8.GetBytes(value));
            writer.Write("\r\n"u8);
        }

        Write(writer, Encoding.ASCII.GetBytes($"Content-Length: {_body.Length}\r\n\r\n"));
        writer.Write(_body.Span);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Serialises and parses; throws <see cref="InvalidOperationException"/> if the result is not valid SIP.</summary>
    public SipMessage Build()
    {
        var bytes = ToBytes();
        var result = SipParser.Parse(bytes, SipFraming.Stream, out var message);
        if (result.Status != ParseStatus.Complete || message is null)
        {
            throw new InvalidOperationException($"built message is not valid SIP: {SipRejections.ReasonPhrase(result.Error)}");
        }

        return message;
    }

    private static void Write(ArrayBufferWriter<byte> writer, byte[] bytes) => writer.Write(bytes);
}
