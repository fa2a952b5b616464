using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Cli.AgentConsole;

/// <summary>
/// A logged-in console session: one task prints the server's events (and, with auto-accept, takes offers
/// and wraps up), another reads commands line by line. The session ends on 'quit' (logout, then the server
/// closes the stream), on Ctrl+C, or when the server ends the stream. End of input stops the reading only:
/// the events keep printing, as they did before the console took commands.
/// </summary>
internal sealed class AgentConsoleSession(
    AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call, TextReader input, TextWriter output, TextWriter errors, AgentConsoleSettings settings)
{
    /// <summary>How long the server gets to close the stream after a logout.</summary>
    private static readonly TimeSpan LogoutGrace = TimeSpan.FromSeconds(10);

    private readonly CallTracker _tracker = new();

    public async Task RunAsync(CancellationToken cancel)
    {
        using var writer = new SessionWriter(call.RequestStream);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task events = PrintEventsAsync(writer, cancel);

        // Console reads block their thread, so commands are read on a pool thread; a read still
        // waiting when the session ends is simply left behind (the process is leaving).
        Task<bool> commands = Task.Run(() => ReadCommandsAsync(writer, stop.Token), CancellationToken.None);
        try
        {
            if (await Task.WhenAny(events, commands) == commands && await commands)
            {
                try
                {
                    await writer.CompleteAsync(cancel);
                    await events.WaitAsync(LogoutGrace, cancel);
                }
                catch (TimeoutException)
                {
                    // Leaving cancels the call, which logs the agent out all the same.
                    errors.WriteLine("the server did not close the session after the logout; leaving anyway");
                }

                return;
            }

            await events;
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            // Ctrl+C: cancelling the call closes the stream, which logs the agent out.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private async Task PrintEventsAsync(SessionWriter writer, CancellationToken cancel)
    {
        await foreach (AgentEvent e in call.ResponseStream.ReadAllAsync(cancel))
        {
            _tracker.Observe(e);
            output.WriteLine(AgentEventText.Describe(e));
            if (settings.AutoAccept && e.EventCase == AgentEvent.EventOneofCase.Offer)
            {
                await SendOnItsOwnAsync(writer, new AgentCommand { Accept = new AcceptOffer { CallId = e.Offer.CallId } }, cancel);
            }
            else if (settings.AutoAccept && e.EventCase == AgentEvent.EventOneofCase.CallStopped)
            {
                await SendOnItsOwnAsync(writer, new AgentCommand
                {
                    WrapUp = new WrapUp { CallId = e.CallStopped.CallId, Disposition = settings.Disposition, Notes = "wrapped up by callrouter-cli" },
                }, cancel);
            }
        }
    }

    /// <summary>An auto-accept or auto-wrap-up; after 'quit' the request stream is closed and it is dropped.</summary>
    private async Task SendOnItsOwnAsync(SessionWriter writer, AgentCommand command, CancellationToken cancel)
    {
        try
        {
            await writer.SendAsync(command, cancel);
        }
        catch (Exception e) when (writer.Closing && e is InvalidOperationException or RpcException)
        {
            errors.WriteLine($"not sent, the console is logging out: {command.CommandCase}");
        }
    }

    /// <summary>Reads and carries out commands; true when the agent logged out with 'quit'.</summary>
    private async Task<bool> ReadCommandsAsync(SessionWriter writer, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            string? line = input.ReadLine();
            if (line is null)
            {
                output.WriteLine("end of input: no more commands are read; Ctrl+C logs out");
                return false;
            }

            ParsedLine parsed = ConsoleCommandParser.Parse(line);
            if (parsed.Error is not null)
            {
                errors.WriteLine($"error: {parsed.Error}");
                continue;
            }

            if (parsed.Command is null)
            {
                continue;
            }

            CommandPlan plan = CommandDispatcher.Plan(parsed.Command, _tracker.Current, settings.Disposition);
            output.WriteLine(plan.Message);
            if (plan.Send is null)
            {
                continue;
            }

            try
            {
                await writer.SendAsync(plan.Send, cancel);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException && !cancel.IsCancellationRequested)
            {
                // The stream is gone; the event task reports why.
                errors.WriteLine($"error: could not send the command: {e.Message}");
                return false;
            }

            if (plan.EndsSession)
            {
                return true;
            }
        }

        return false;
    }
}

