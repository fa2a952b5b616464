using System.Net;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transport;

/// <summary>
/// One TCP (or wrapped TLS) connection: frames messages by Content-Length (RFC 3261 §18.3), refuses
/// anything over the size limit, answers CRLF keep-alive pings, and serialises writes.
/// </summary>
internal sealed class TcpConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly TcpTransport _owner;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private long _lastActivity;
    private int _disposed;

    public TcpConnection(Stream stream, IPEndPoint remote, IPEndPoint local, TcpTransport owner, long now)
    {
        _stream = stream;
        Remote = remote;
        Local = local;
        _owner = owner;
        _lastActivity = now;
    }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    public long LastActivity => Interlocked.Read(ref _lastActivity);

    public bool IsClosed => _disposed != 0;

    public Task ReadLoop { get; private set; } = Task.CompletedTask;

    public void Start() => ReadLoop = Task.Run(ReadLoopAsync);

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (IsClosed) return false;
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            Touch();
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            await CloseAsync("write failed").ConfigureAwait(false);
            return false;
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[8192];
        int filled = 0;
        string reason = "remote closed";
        try
        {
            while (!_closed.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    // Grow, but never past the limit plus one read so an oversized message is detected.
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _owner.Options.MaxMessageSize + 8192));
                }

                int read = await _stream.ReadAsync(buffer.AsMemory(filled), _closed.Token).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                Touch();
                int consumed = await DrainAsync(buffer, filled).ConfigureAwait(false);
                if (consumed < 0)
                {
                    reason = "refused a message";
                    break;
                }

                if (consumed > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            reason = ex.GetType().Name;
        }

        await CloseAsync(reason).ConfigureAwait(false);
    }

    /// <summary>Parses every complete message in the buffer; returns bytes consumed, or -1 when the connection must close.</summary>
    private async ValueTask<int> DrainAsync(byte[] buffer, int filled)
    {
        int offset = 0;
        var remote = new SipEndPoint(_owner.Protocol, Remote);
        while (offset < filled)
        {
            var window = buffer.AsMemory(offset, filled - offset);
            var result = SipParser.Parse(window, SipFraming.Stream, out var message);
            switch (result.Status)
            {
                case ParseStatus.KeepAlive:
                    // RFC 5626 §4.4.1: a double-CRLF ping is answered with a single CRLF pong.
                    if (result.Consumed >= 4) await SendAsync("\r\n"u8.ToArray(), CancellationToken.None).ConfigureAwait(false);
                    offset += result.Consumed;
                    continue;
                case ParseStatus.NeedMore:
                    int limit = _owner.Options.MaxMessageSize;
                    if (result.ExpectedLength > limit || filled - offset > limit)
                    {
                        var error = result.ExpectedLength > limit ? SipParseError.BodyTooLarge : SipParseError.MessageTooLarge;
                        await ReplyAsync(_owner.Inbound.Refuse(window.Span, error, remote)).ConfigureAwait(false);
                        return -1;
                    }

                    return offset;
                case ParseStatus.Invalid:
                    // After a framing error the stream cannot be resynchronised, so answer and close.
                    await ReplyAsync(_owner.Inbound.Refuse(window.Span, result.Error, remote)).ConfigureAwait(false);
                    return -1;
            }

            if (result.Consumed > _owner.Options.MaxMessageSize)
            {
                await ReplyAsync(_owner.Inbound.Refuse(window.Span, SipParseError.MessageTooLarge, remote)).ConfigureAwait(false);
                return -1;
            }

            // The message points into the connection buffer, which is about to be reused: give it its own bytes.
            var copy = window[..result.Consumed].ToArray();
            SipParser.Parse(copy, SipFraming.Stream, out message);
            offset += result.Consumed;
            var incoming = _owner.Inbound.Accept(message!, remote, Local, out var reply);
            await ReplyAsync(reply).ConfigureAwait(false);
            if (incoming is not null) await _owner.DeliverAsync(incoming).ConfigureAwait(false);
        }

        return offset;
    }

    private ValueTask<bool> ReplyAsync(byte[]? reply) => reply is null ? ValueTask.FromResult(false) : SendAsync(reply, CancellationToken.None);

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _owner.Time.GetTimestamp());

    public async ValueTask CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _closed.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _owner.Forget(this, reason);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync("shutdown").ConfigureAwait(false);
        try
        {
            await ReadLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The loop ends by these when the stream is torn down under it.
        }
    }
}
