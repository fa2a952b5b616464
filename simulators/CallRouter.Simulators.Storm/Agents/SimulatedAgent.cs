using System.Collections.Concurrent;
using CallRouter.Contracts.V1;
using CallRouter.Simulators.Storm.Reporting;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Simulators.Storm.Agents;

/// <summary>
/// One simulated agent's console: logs in, opens the AgentService session ready, accepts each offer
/// after the think time, sends WrapUp after the wrap-up time, and makes itself ready again when the
/// core sets it not ready (after a phone that was busy or did not answer).
/// </summary>
internal sealed class SimulatedAgent : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyAgainAfter = TimeSpan.FromSeconds(1);
    private readonly AsyncDuplexStreamingCall<AgentCommand, AgentEvent> _session;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly AgentBehaviour _behaviour;
    private readonly AgentTally _tally;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _invites;
    private Task _reader = Task.CompletedTask;

    private SimulatedAgent(string agentId, AsyncDuplexStreamingCall<AgentCommand, AgentEvent> session, AgentBehaviour behaviour, AgentTally tally,
        ConcurrentDictionary<string, DateTimeOffset> invites)
    {
        AgentId = agentId;
        _session = session;
        _behaviour = behaviour;
        _tally = tally;
        _invites = invites;
    }

    public string AgentId { get; }

    public static async Task<SimulatedAgent> StartAsync(GrpcChannel channel, string agentId, string password, string sipContact, AgentBehaviour behaviour,
        AgentTally tally, ConcurrentDictionary<string, DateTimeOffset> invites, CancellationToken cancellationToken)
    {
        var login = await new AuthService.AuthServiceClient(channel).LoginAsync(new LoginRequest { UserName = agentId, Password = password },
            deadline: DateTime.UtcNow.Add(StartLimit), cancellationToken: cancellationToken).ConfigureAwait(false);
        var headers = new Metadata { { "authorization", "Bearer " + login.AccessToken } };
        var session = new AgentService.AgentServiceClient(channel).Session(headers, cancellationToken: CancellationToken.None);
        var agent = new SimulatedAgent(agentId, session, behaviour, tally, invites);
        await agent.WriteAsync(new AgentCommand { Login = new SessionLogin { SipContact = sipContact, Available = true } }).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartLimit);
        while (await session.ResponseStream.MoveNext(limit.Token).ConfigureAwait(false))
        {
            var e = session.ResponseStream.Current;
            if (e.EventCase == AgentEvent.EventOneofCase.Started) break;
            if (e.EventCase == AgentEvent.EventOneofCase.Rejected)
            {
                throw new InvalidOperationException($"agent {agentId}: the console login was refused: {e.Rejected.Reason}");
            }
        }

        agent._reader = agent.ReadAsync();
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await WriteAsync(new AgentCommand { Logout = new Logout() }).ConfigureAwait(false);
            await _session.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or ObjectDisposedException)
        {
            // The server may already have closed the session.
        }

        _session.Dispose();
        await _reader.ConfigureAwait(false);
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _session.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
            {
                var e = _session.ResponseStream.Current;
                switch (e.EventCase)
                {
                    case AgentEvent.EventOneofCase.Offer:
                        _tally.Offered();
                        if (CallerStamp.TryParse(e.Offer.Context?.SerialNumber, out var invitedAt)) _invites[e.Offer.CallId] = invitedAt;
                        _ = AfterAsync(_behaviour.Think, new AgentCommand { Accept = new AcceptOffer { CallId = e.Offer.CallId } }, _tally.AcceptedOffer);
                        break;
                    case AgentEvent.EventOneofCase.CallStopped:
                        _ = AfterAsync(_behaviour.WrapUp, new AgentCommand
                        {
                            WrapUp = new WrapUp { CallId = e.CallStopped.CallId, Disposition = Disposition.Resolved, Notes = "storm" },
                        }, null);
                        break;
                    case AgentEvent.EventOneofCase.StateChanged when e.StateChanged.State == AgentState.NotReady:
                        _ = AfterAsync(ReadyAgainAfter, new AgentCommand { ChangeState = new ChangeState { State = AgentState.Available } }, null);
                        break;
                    case AgentEvent.EventOneofCase.Rejected:
                        _tally.CommandRejected();
                        break;
                    default:
                        break;
                }
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException)
        {
            // Session over.
        }
    }

    private async Task AfterAsync(TimeSpan delay, AgentCommand command, Action? sent)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, TimeProvider.System, _stop.Token).ConfigureAwait(false);
            await WriteAsync(command).ConfigureAwait(false);
            sent?.Invoke();
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The storm is ending or the session closed.
        }
    }

    private async Task WriteAsync(AgentCommand command)
    {
        // A gRPC request stream takes one write at a time.
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _session.RequestStream.WriteAsync(command).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
