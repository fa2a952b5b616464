using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CallRouter.Simulators.Ptas;

/// <summary>
/// The answering service: accepts SNPP connections, keeps the pages, and answers status
/// queries from the scripted engineers' behaviour on the (possibly accelerated) clock. Page
/// fate is computed from elapsed simulated time, so no per-page timers are needed except the
/// optional "cannot reach" HTTP notice.
/// </summary>
public sealed class PtasSimulator : IAsyncDisposable
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);
    private const int NotifyAttempts = 5;
    private readonly SimulatorOptions _options;
    private readonly AcceleratedTimeProvider _time;
    private readonly TextWriter _log;
    private readonly ConcurrentDictionary<string, PageRecord> _pages = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _nextTag = 1000;
    private int _failSendsLeft;

    public PtasSimulator(SimulatorOptions options, AcceleratedTimeProvider time, TextWriter log)
    {
        _options = options;
        _time = time;
        _log = log;
        _failSendsLeft = options.FailSends;
    }

    public IPEndPoint? EndPoint => _listener?.LocalEndpoint as IPEndPoint;

    public AcceleratedTimeProvider Time => _time;

    public void Start()
    {
        _listener = new TcpListener(_options.Host, _options.Port);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public bool IsRejected(string pagerId) => _options.RejectedPagers.Contains(pagerId);

    /// <summary>True when this SEND must fail (the scripted pager-side outage); counts down.</summary>
    public bool TakeSendFailure() => Interlocked.Decrement(ref _failSendsLeft) >= 0;

    public PageRecord AddPage(string pagerId, string callerId, string message)
    {
        var engineer = _options.Engineers.FirstOrDefault(e => e.PagerId.Equals(pagerId, StringComparison.OrdinalIgnoreCase))
            ?? _options.Engineers.FirstOrDefault(e => e.PagerId == "*")
            ?? new EngineerBehaviour("*", EngineerBehaviourKind.Never, TimeSpan.Zero, TimeSpan.Zero, "nobody");
        var tag = Interlocked.Increment(ref _nextTag).ToString(CultureInfo.InvariantCulture);
        var pass = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);
        var page = new PageRecord(tag, pass, pagerId, callerId, message, _time.GetUtcNow(), engineer);
        _pages[tag] = page;
        Write($"PAGE tag={tag} pager={pagerId} caller={callerId} engineer={engineer.Kind} message=\"{message}\"");
        if (_options.GiveUpAfter > TimeSpan.Zero)
        {
            _ = NotifyWhenUnreachableAsync(page, _stop.Token);
        }

        return page;
    }

    /// <summary>The MSTA reply for a tag and pass code, e.g. "880 1001 123456 ANSWERED Dana".</summary>
    public string Status(string tag, string pass)
    {
        if (!_pages.TryGetValue(tag, out var page))
        {
            return "550 Error, Unknown Message Tag";
        }

        if (page.PassCode != pass)
        {
            return "550 Error, Invalid Pass Code";
        }

        var elapsed = _time.GetUtcNow() - page.SentAt;
        var e = page.Engineer;
        var answered = e.Kind != EngineerBehaviourKind.Never && elapsed >= e.AnswerAfter;
        var givenUp = _options.GiveUpAfter > TimeSpan.Zero && elapsed >= _options.GiveUpAfter;
        if (answered && !(givenUp && e.AnswerAfter >= _options.GiveUpAfter))
        {
            return e.Kind == EngineerBehaviourKind.AnswerThenDrop && elapsed >= e.AnswerAfter + e.DropAfter
                ? $"881 {tag} {pass} DROPPED {e.Name}"
                : $"880 {tag} {pass} ANSWERED {e.Name}";
        }

        return givenUp ? $"889 {tag} {pass} UNREACHABLE Mfr TS cannot be reached" : $"860 {tag} {pass} DELIVERED awaiting reply";
    }

    public void Write(string line)
    {
        lock (_log)
        {
            _log.WriteLine($"{_time.GetUtcNow():O} {line}");
            _log.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = new SnppSession(this, client).RunAsync(cancellationToken);
        }
    }

    private async Task NotifyWhenUnreachableAsync(PageRecord page, CancellationToken cancellationToken)
    {
        try
        {
            // Real timers may fire a hair before the high-resolution clock reaches the instant;
            // wait out any remainder so the status really is "cannot reach" when we look.
            for (var remaining = _options.GiveUpAfter; remaining > TimeSpan.Zero; remaining = page.SentAt + _options.GiveUpAfter - _time.GetUtcNow())
            {
                await Task.Delay(remaining < MinimumWait ? MinimumWait : remaining, _time, cancellationToken).ConfigureAwait(false);
            }

            var status = Status(page.Tag, page.PassCode);
            if (!status.StartsWith("889", StringComparison.Ordinal))
            {
                return;
            }

            Write($"NOTIFY UNREACHABLE tag={page.Tag} pager={page.PagerId} caller={page.CallerId}");
            if (_options.NotifyUrl is { } url)
            {
                await PostNoticeAsync(url, page, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Simulator stopping.
        }
    }

    /// <summary>
    /// POSTs the notice; a refused connection or a 5xx (the desk restarting, say) is retried a few
    /// times with growing real-time pauses, a 4xx answer is final (the desk has read and refused it).
    /// </summary>
    private async Task PostNoticeAsync(Uri url, PageRecord page, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new { tag = page.Tag, pagerId = page.PagerId, callerId = page.CallerId, status = "UNREACHABLE" });
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                if (_options.NotifyToken is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                Write($"NOTIFY POST {url} tag={page.Tag} -> {(int)response.StatusCode} {body.ReplaceLineEndings(" ")}");
                if ((int)response.StatusCode < 500 || attempt >= NotifyAttempts)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Refused connection or the HTTP client's own time-out.
                Write($"NOTIFY POST {url} tag={page.Tag} failed (attempt {attempt} of {NotifyAttempts}): {ex.Message}");
                if (attempt >= NotifyAttempts)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }
}
