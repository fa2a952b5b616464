using System.Net.Sockets;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;

namespace CallRouter.Escalation.Snpp;

/// <summary>
/// <see cref="IPagerChannel"/> over SNPP (RFC 1861), level 3 two-way, one connection per request:
/// <code>
/// S: 220 ...                      greeting (421 = service unavailable)
/// C: 2WAY          S: 250         two-way transaction, so SEND returns a tag for status queries
/// C: PAGE id       S: 250/850/950 pager id accepted
/// C: CALL number   S: 250         caller id: the desk's call-back number (500 tolerated: level 1/2 servers)
/// C: MESS text     S: 250         one-line message
/// C: SEND          S: 860/960 tag pass text   sent / queued; tag and pass code identify the page
/// C: QUIT          S: 221
/// C: MSTA tag pass S: 96x queued, 86x/87x delivered awaiting reply, 880 answered, 881 dropped, 889 unreachable
/// </code>
/// Any 4xx/5xx reply, a malformed line, a refused connection or the time-out becomes a
/// <see cref="ContactChannelException"/> naming the command and the server's words.
/// </summary>
public sealed class SnppClient : IPagerChannel
{
    private readonly SnppClientOptions _options;
    private readonly TimeProvider _time;

    public SnppClient(SnppClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
    }

    public Task<PageReceipt> SendPageAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExchangeAsync(async (connection, ct) =>
        {
            await ExpectAsync(connection, "2WAY", ct).ConfigureAwait(false);
            await ExpectAsync(connection, $"PAGE {OneLine(request.PagerId)}", ct).ConfigureAwait(false);
            var caller = await connection.SendAsync($"CALL {OneLine(request.CallbackNumber)}", ct).ConfigureAwait(false);
            if (!caller.IsSuccess && caller.Code != 500)
            {
                throw Refused("CALL", caller);
            }

            await ExpectAsync(connection, $"MESS {OneLine(request.Message)}", ct).ConfigureAwait(false);
            var sent = await ExpectAsync(connection, "SEND", ct).ConfigureAwait(false);
            var parts = sent.Text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (sent.Code < 800 || parts.Length < 2)
            {
                throw new ContactChannelException("snpp", $"SEND answered \"{sent}\" without a message tag and pass code; the server does not do two-way paging.", sent.Code);
            }

            return new PageReceipt(parts[0], parts[1]);
        }, cancellationToken);
    }

    public Task<PageStatus> QueryStatusAsync(PageReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return ExchangeAsync(async (connection, ct) =>
        {
            var reply = await ExpectAsync(connection, $"MSTA {OneLine(receipt.MessageTag)} {OneLine(receipt.PassCode)}", ct).ConfigureAwait(false);
            return ToStatus(reply);
        }, cancellationToken);
    }

    /// <summary>Maps an MSTA / SEND reply to a page state (the PTAS profile documented in docs/escalation.md).</summary>
    internal static PageStatus ToStatus(SnppReply reply)
    {
        // Text is "<tag> <pass> <words>"; for 880/881 the words are "ANSWERED <name>" / "DROPPED <name>".
        var parts = reply.Text.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        var responder = parts.Length == 4 ? parts[3] : null;
        return reply.Code switch
        {
            >= 960 and < 970 => new PageStatus(PageState.Queued, null, reply.ToString()),
            >= 860 and < 880 => new PageStatus(PageState.Delivered, null, reply.ToString()),
            880 => new PageStatus(PageState.Answered, responder ?? "Mfr TS", reply.ToString()),
            881 => new PageStatus(PageState.Dropped, responder ?? "Mfr TS", reply.ToString()),
            >= 882 and < 890 => new PageStatus(PageState.Unreachable, null, reply.ToString()),
            _ => throw new ContactChannelException("snpp", $"MSTA answered \"{reply}\", which is not a status.", reply.Code),
        };
    }

    private async Task<T> ExchangeAsync<T>(Func<SnppConnection, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ct = linked.Token;
        try
        {
            await using var connection = await SnppConnection.ConnectAsync(_options.Host, _options.Port, ct).ConfigureAwait(false);
            var greeting = await connection.ReadReplyAsync(ct).ConfigureAwait(false);
            if (greeting.Code != 220)
            {
                throw Refused("greeting", greeting);
            }

            var result = await body(connection, ct).ConfigureAwait(false);
            try
            {
                await connection.SendAsync("QUIT", ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The work is done; a server that hangs up before saying 221 changes nothing.
            }

            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ContactChannelException("snpp", $"no answer from {_options.Host}:{_options.Port} within {_options.Timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or FormatException)
        {
            throw new ContactChannelException("snpp", $"{_options.Host}:{_options.Port}: {ex.Message}", null, ex);
        }
    }

    private static async Task<SnppReply> ExpectAsync(SnppConnection connection, string command, CancellationToken cancellationToken)
    {
        var reply = await connection.SendAsync(command, cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess ? reply : throw Refused(command.Split(' ', 2)[0], reply);
    }

    private static ContactChannelException Refused(string command, SnppReply reply) =>
        new("snpp", $"{command} refused: {reply}", reply.Code);

    private static string OneLine(string value) => value.Replace('\r', ' ').Replace('\n', ' ').Trim();
}
