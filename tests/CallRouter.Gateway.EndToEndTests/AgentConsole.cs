using System.Threading.Channels;
using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>A test agent's console: a logged-in AgentService session whose events the test reads with bounded waits.</summary>
internal sealed class AgentConsole : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentCommand, AgentEvent> _session;
    private readonly Channel<AgentEvent> _events = Channel.CreateUnbounded<AgentEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private AgentConsole(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> session)
    {
        _session = session;
        _reader = ReadAsync();
    }

    public static async Task<AgentConsole> OpenAsync(GrpcChannel channel, string user, string password, string sipContact = "")
    {
        var login = await new AuthService.AuthServiceClient(channel).LoginAsync(new LoginRequest { UserName = user, Password = password },
            deadline: DateTime.UtcNow.AddSeconds(30));
        var headers = new Metadata { { "authorization", "Bearer " + login.AccessToken } };
        var session = new AgentService.AgentServiceClient(channel).Session(headers);
        var console = new AgentConsole(session);
        await session.RequestStream.WriteAsync(new AgentCommand { Login = new SessionLogin { SipContact = sipContact, Available = true } });
        await console.NextAsync(AgentEvent.EventOneofCase.Started, TimeSpan.FromSeconds(30));
        return console;
    }

    /// <summary>The next event of the given kind (others are skipped), within <paramref name="limit"/>.</summary>
    public async Task<AgentEvent> NextAsync(AgentEvent.EventOneofCase kind, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                if (e.EventCase == kind) return e;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {kind} event on the agent console within {limit.TotalSeconds} s");
        }
    }

    public Task TransferToLevel2Async(string callId) =>
        _session.RequestStream.WriteAsync(new AgentCommand { Transfer = new RequestTransfer { CallId = callId, ToLevel2 = true } });

    public Task TransferToManufacturerAsync(string callId) =>
        _session.RequestStream.WriteAsync(new AgentCommand { Transfer = new RequestTransfer { CallId = callId, ToManufacturer = true } });

    /// <summary>Holds (true) or resumes (false) the agent's connected call.</summary>
    public Task HoldAsync(string callId, bool hold) =>
        _session.RequestStream.WriteAsync(new AgentCommand { Hold = new HoldCall { CallId = callId, Hold = hold } });

    public Task AcceptAsync(string callId) => _session.RequestStream.WriteAsync(new AgentCommand { Accept = new AcceptOffer { CallId = callId } });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _session.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server may already have closed the stream.
        }

        _session.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The reader ends with the disposed call.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _session.ResponseStream.MoveNext(_stop.Token)) _events.Writer.TryWrite(_session.ResponseStream.Current);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException)
        {
            // Session over.
        }

        _events.Writer.TryComplete();
    }
}
