using System.Net.Sockets;
using System.Text;

namespace CallRouter.Escalation.Snpp;

/// <summary>
/// One SNPP TCP exchange: ASCII command lines out, reply lines in, each line bounded in length
/// so a misbehaving server cannot make the desk buffer without end.
/// </summary>
internal sealed class SnppConnection : IAsyncDisposable
{
    private const int MaxLineLength = 1024;
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    private SnppConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<SnppConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new SnppConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<SnppReply> ReadReplyAsync(CancellationToken cancellationToken) =>
        SnppReply.Parse(await ReadLineAsync(cancellationToken).ConfigureAwait(false));

    public async Task<SnppReply> SendAsync(string command, CancellationToken cancellationToken)
    {
        if (command.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An SNPP command is one line.", nameof(command));
        }

        var bytes = Encoding.ASCII.GetBytes(command + "\r\n");
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.ASCII.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            if (_end - _start >= MaxLineLength)
            {
                throw new IOException($"SNPP reply line longer than {MaxLineLength} bytes.");
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The SNPP server closed the connection.");
            }

            _end += read;
        }
    }
}
