using System.Net.Sockets;
using System.Text;

namespace CallRouter.Simulators.Ptas;

/// <summary>
/// One SNPP connection (RFC 1861): commands are matched on their first four letters, as the RFC
/// allows, and every reply is a single line "code text".
/// </summary>
internal sealed class SnppSession
{
    private const int MaxLineLength = 1024;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
    private readonly PtasSimulator _ptas;
    private readonly TcpClient _client;
    private bool _twoWay;
    private string? _pagerId;
    private string _callerId = "";
    private string? _message;

    public SnppSession(PtasSimulator ptas, TcpClient client)
    {
        _ptas = ptas;
        _client = client;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var client = _client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
            await using var writer = new StreamWriter(stream, Encoding.ASCII, 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 CallRouter PTAS simulator SNPP server (RFC 1861 level 3) ready").ConfigureAwait(false);
            while (true)
            {
                // The idle bound is a network time-out in real time, not simulated time.
                using var idle = new CancellationTokenSource(IdleTimeout, TimeProvider.System);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, idle.Token);
                var line = await reader.ReadLineAsync(linked.Token).ConfigureAwait(false);
                if (line is null)
                {
                    return;
                }

                if (line.Length > MaxLineLength)
                {
                    await writer.WriteLineAsync("421 Line too long, goodbye").ConfigureAwait(false);
                    return;
                }

                var reply = Handle(line, out var quit);
                await writer.WriteLineAsync(reply).ConfigureAwait(false);
                if (quit)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Client went away, idled out, or the simulator is stopping.
        }
    }

    private string Handle(string line, out bool quit)
    {
        quit = false;
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? line : line[..space]).Trim().ToUpperInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        var key = verb.Length >= 4 ? verb[..4] : verb;
        _ptas.Write($"C: {line}");
        var reply = key switch
        {
            "2WAY" => TwoWay(),
            "PAGE" => Page(argument),
            "CALL" => Caller(argument),
            "MESS" => Message(argument),
            "SEND" => Send(),
            "MSTA" => MessageStatus(argument),
            "RESE" => Reset(),
            "HELP" => "250 Commands: 2WAY PAGE CALL MESS SEND MSTA RESE QUIT",
            "QUIT" => "221 OK, Goodbye",
            _ => "500 Command Not Implemented",
        };
        quit = key == "QUIT";
        _ptas.Write($"S: {reply}");
        return reply;
    }

    private string TwoWay()
    {
        if (_pagerId is not null)
        {
            return "550 Error, 2WAY must come before PAGE";
        }

        _twoWay = true;
        return "250 OK, Beginning 2-Way Transaction";
    }

    private string Page(string argument)
    {
        var pagerId = argument.Split(' ', 2)[0];
        if (pagerId.Length == 0)
        {
            return "550 Error, Pager ID Needed";
        }

        if (_pagerId is not null)
        {
            return "503 Already Selected PAGEr";
        }

        if (_ptas.IsRejected(pagerId))
        {
            return "550 Error, Invalid Pager ID";
        }

        _pagerId = pagerId;
        return _twoWay ? "850 Two-Way Unit Online and Available; Transaction Accepted" : "250 Pager ID Accepted";
    }

    private string Caller(string argument)
    {
        if (argument.Length == 0)
        {
            return "550 Error, Caller ID Needed";
        }

        _callerId = argument;
        return "250 Caller ID Accepted";
    }

    private string Message(string argument)
    {
        if (_message is not null)
        {
            return "503 Error, Message Already Entered";
        }

        if (argument.Length == 0)
        {
            return "550 Error, Empty Message";
        }

        _message = argument;
        return "250 Message OK";
    }

    private string Send()
    {
        if (_pagerId is null || _message is null)
        {
            return "503 Error, Pager ID or Message Incomplete";
        }

        if (_ptas.TakeSendFailure())
        {
            Reset();
            return "554 Error, failed (technical reason): paging terminal not answering";
        }

        var page = _ptas.AddPage(_pagerId, _callerId, _message);
        var twoWay = _twoWay;
        Reset();
        return twoWay ? $"960 {page.Tag} {page.PassCode} OK, Message QUEUED for Delivery" : "250 Message Sent Successfully";
    }

    private string MessageStatus(string argument)
    {
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 ? _ptas.Status(parts[0], parts[1]) : "550 Error, MSTA needs a message tag and a pass code";
    }

    private string Reset()
    {
        _twoWay = false;
        _pagerId = null;
        _callerId = "";
        _message = null;
        return "250 RESET OK";
    }
}
