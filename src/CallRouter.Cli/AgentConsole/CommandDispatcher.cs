using CallRouter.Contracts.V1;

namespace CallRouter.Cli.AgentConsole;

/// <summary>
/// Maps a console command onto the agent service's command, filling in the call the console knows of.
/// A command that needs a call when there is none is answered here and nothing is sent; everything else
/// is for the server to accept or refuse (its refusal comes back on the event stream).
/// </summary>
internal static class CommandDispatcher
{
    public static CommandPlan Plan(ConsoleCommand command, ConsoleCalls calls, Disposition defaultDisposition) => command switch
    {
        ConsoleCommand.Accept accept => WithCall(accept.CallId ?? calls.Offer, "no offer to accept",
            id => Send(new AgentCommand { Accept = new AcceptOffer { CallId = id } }, $"accepting call {id}")),
        ConsoleCommand.Decline decline => WithCall(calls.Offer, "no offer to decline",
            id => Send(new AgentCommand { Decline = new DeclineOffer { CallId = id, Reason = decline.Reason } }, $"declining call {id}")),
        ConsoleCommand.Hold hold => WithCall(hold.CallId ?? calls.Connected, $"no connected call to {(hold.OnHold ? "hold" : "resume")}",
            id => Send(new AgentCommand { Hold = new HoldCall { CallId = id, Hold = hold.OnHold } },
                hold.OnHold ? $"holding call {id} (the caller hears music once your phone agrees)" : $"resuming call {id}")),
        ConsoleCommand.Transfer transfer => WithCall(transfer.CallId ?? calls.Connected, "no connected call to transfer",
            id => Send(new AgentCommand { Transfer = TransferOf(id, transfer.Target) },
                $"transferring call {id} to {(transfer.Target == TransferTarget.Level2 ? "L2" : "the manufacturer")}")),
        ConsoleCommand.WrapUp wrapUp => WithCall(calls.WrappingUp, "no call to wrap up",
            id => Send(new AgentCommand
            {
                WrapUp = new WrapUp
                {
                    CallId = id,
                    Disposition = wrapUp.Disposition ?? defaultDisposition,
                    Notes = wrapUp.Notes.Length > 0 ? wrapUp.Notes : "wrapped up by callrouter-cli",
                },
            }, $"wrapping up call {id}: {wrapUp.Disposition ?? defaultDisposition}")),
        ConsoleCommand.Ready => Send(new AgentCommand { ChangeState = new ChangeState { State = AgentState.Available } }, "asking to be ready"),
        ConsoleCommand.NotReady notReady => Send(
            new AgentCommand { ChangeState = new ChangeState { State = AgentState.NotReady, Reason = notReady.Reason } },
            notReady.Reason.Length > 0 ? $"asking to be not ready: {notReady.Reason}" : "asking to be not ready"),
        ConsoleCommand.Status => CommandPlan.Local(
            $"offer: {calls.Offer ?? "none"}; connected call: {calls.Connected ?? "none"}; wrap-up: {calls.WrappingUp ?? "none"}"),
        ConsoleCommand.Help => CommandPlan.Local(ConsoleHelp.Text),
        ConsoleCommand.Quit => new CommandPlan(new AgentCommand { Logout = new Logout() }, "logging out", EndsSession: true),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "a command the dispatcher does not know"),
    };

    private static CommandPlan WithCall(string? callId, string noneMessage, Func<string, CommandPlan> plan) =>
        string.IsNullOrEmpty(callId) ? CommandPlan.Local(noneMessage) : plan(callId);

    private static CommandPlan Send(AgentCommand command, string message) => new(command, message);

    private static RequestTransfer TransferOf(string callId, TransferTarget target) => target == TransferTarget.Level2
        ? new RequestTransfer { CallId = callId, ToLevel2 = true }
        : new RequestTransfer { CallId = callId, ToManufacturer = true };
}
