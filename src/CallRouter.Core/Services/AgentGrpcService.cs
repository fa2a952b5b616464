using CallRouter.Cases.Domain;
using CallRouter.Contracts.V1;
using CallRouter.Core.Cases;
using CallRouter.Core.Auth;
using CallRouter.Core.Routing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CallRouter.Core.Services;

/// <summary>
/// The agent console stream. The agent is the authenticated user, so nobody can act for
/// another agent. Commands are read on this task; events are written by a second task from
/// the session's channel, the only writer of the response stream.
/// </summary>
[Authorize(Roles = Roles.Agents)]
public sealed class AgentGrpcService(RoutingCoordinator coordinator) : AgentService.AgentServiceBase
{
    public override async Task Session(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<AgentEvent> responseStream, ServerCallContext context)
    {
        string agentId = context.GetHttpContext().User.Identity?.Name
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "no user"));
        CancellationToken cancel = context.CancellationToken;

        if (!await requestStream.MoveNext(cancel) || requestStream.Current.CommandCase != AgentCommand.CommandOneofCase.Login)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first command of a session must be login"));
        }

        SessionLogin login = requestStream.Current.Login;
        AgentSession session = coordinator.OpenSession(agentId, login.SipContact ?? "", login.Available);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task writer = WriteEventsAsync(session, responseStream, stop.Token);
        try
        {
            while (await requestStream.MoveNext(cancel))
            {
                AgentCommand command = requestStream.Current;
                if (command.CommandCase == AgentCommand.CommandOneofCase.Logout)
                {
                    break;
                }

                try
                {
                    await ExecuteAsync(session, command);
                }
                catch (CaseException refused)
                {
                    RpcException rejected = CaseFailures.ToRpc(refused);
                    session.Post(new AgentEvent
                    {
                        At = Timestamp.FromDateTimeOffset(coordinator.Time.GetUtcNow()),
                        Rejected = new CommandRejected { Reason = rejected.Status.Detail, Code = rejected.StatusCode.ToString() },
                    });
                }
                catch (RpcException rejected)
                {
                    // A refused command is reported on the stream; the session carries on.
                    session.Post(new AgentEvent
                    {
                        At = Timestamp.FromDateTimeOffset(coordinator.Time.GetUtcNow()),
                        Rejected = new CommandRejected { Reason = rejected.Status.Detail, Code = rejected.StatusCode.ToString() },
                    });
                }
            }
        }
        finally
        {
            coordinator.CloseSession(session);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ExecuteAsync(AgentSession session, AgentCommand command)
    {
        switch (command.CommandCase)
        {
            case AgentCommand.CommandOneofCase.ChangeState:
                coordinator.ChangeState(session, command.ChangeState.State, command.ChangeState.Reason);
                break;
            case AgentCommand.CommandOneofCase.Accept:
                coordinator.Accept(session, command.Accept.CallId);
                break;
            case AgentCommand.CommandOneofCase.Decline:
                coordinator.Decline(session, command.Decline.CallId);
                break;
            case AgentCommand.CommandOneofCase.WrapUp:
                // The case is updated before the next command is read, so commands stay in order.
                await coordinator.WrapUp(session, command.WrapUp);
                break;
            case AgentCommand.CommandOneofCase.Transfer:
                coordinator.Transfer(session, command.Transfer);
                break;
            case AgentCommand.CommandOneofCase.Hold:
                coordinator.Hold(session, command.Hold);
                break;
            case AgentCommand.CommandOneofCase.Login:
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "already logged in"));
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, "empty command"));
        }
    }

    private static async Task WriteEventsAsync(AgentSession session, IServerStreamWriter<AgentEvent> stream, CancellationToken cancel)
    {
        await foreach (AgentEvent agentEvent in session.Events.ReadAllAsync(cancel))
        {
            await stream.WriteAsync(agentEvent, cancel);
        }
    }
}
