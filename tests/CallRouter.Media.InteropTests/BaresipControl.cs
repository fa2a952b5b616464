using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CallRouter.Media.InteropTests;

/// <summary>
/// baresip's ctrl_tcp interface: JSON objects framed as netstrings (<c>len:payload,</c>). Commands
/// carry a token echoed in their response; call events (CALL_ESTABLISHED, CALL_CLOSED…) arrive unasked.
/// </summary>
internal sealed class BaresipControl : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<JsonObject> _messages = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextToken;

    public BaresipControl(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every message received so far, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_messages) return string.Join('\n', _messages.Select(m => m.ToJsonString()));
        }
    }

    /// <summary>Sends a command (e.g. <c>dial</c>, <c>sndcode</c>, <c>hangup</c>) and returns its response.</summary>
    public async Task<JsonObject> CommandAsync(string command, string? parameters, TimeSpan limit)
    {
        var token = Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture);
        var json = new JsonObject { ["command"] = command, ["params"] = parameters ?? string.Empty, ["token"] = token }.ToJsonString();
        var payload = Encoding.UTF8.GetBytes(json);
        var frame = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + ":").Concat(payload).Append((byte)',').ToArray();
        using (var timeout = new CancellationTokenSource(limit))
        {
            await _stream.WriteAsync(frame, timeout.Token);
        }

        return await WaitForAsync(m => m["response"] is not null && (string?)m["token"] == token, $"the response to '{command} {parameters}'", limit);
    }

    /// <summary>Waits for an event of <paramref name="type"/> (also one that arrived before the call).</summary>
    public Task<JsonObject> WaitForEventAsync(string type, TimeSpan limit) =>
        WaitForAsync(m => m["event"] is not null && (string?)m["type"] == type, $"event {type}", limit);

    private async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            lock (_messages)
            {
                var found = _messages.FirstOrDefault(match);
                if (found is not null) return found;
            }

            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _reader.IsCompleted)
            {
                Assert.Fail($"baresip: no {what} within {limit.TotalSeconds} s. Messages so far:\n{Transcript}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int read = await _stream.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                pending.AddRange(buffer.AsSpan(0, read));
                while (TryTakeNetstring(pending, out var payload))
                {
                    if (JsonNode.Parse(payload) is JsonObject message)
                    {
                        lock (_messages) _messages.Add(message);
                        _arrived.Release();
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or JsonException)
        {
            // Connection closed or baresip killed; waiters time out with the transcript.
        }
    }

    private static bool TryTakeNetstring(List<byte> pending, out string payload)
    {
        payload = string.Empty;
        int colon = pending.IndexOf((byte)':');
        if (colon <= 0) return false;
        var length = int.Parse(Encoding.ASCII.GetString(pending.GetRange(0, colon).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture);
        if (pending.Count < colon + 1 + length + 1) return false;
        payload = Encoding.UTF8.GetString(pending.GetRange(colon + 1, length).ToArray());
        pending.RemoveRange(0, colon + 1 + length + 1);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The socket is closed; the loop ends on its own.
        }

        _stop.Dispose();
        _arrived.Dispose();
    }
}
