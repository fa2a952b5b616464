using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Cli.Commands;

/// <summary>
/// A minimal agent console: logs in, goes available, prints every event, and with
/// --auto-accept accepts offers and wraps up finished calls with --disposition.
/// </summary>
internal static class AgentConsoleCommand
{
    public static async Task<int> RunAsync(CliArguments args, CancellationToken cancel)
    {
        string user = args.Require("user");
        using Connection connection = await Connection.OpenAsync(args.Server, user, args.Password($"demo-{user}"), cancel);
        var client = new AgentService.AgentServiceClient(connection.Invoker);
        bool autoAccept = args.Flag("auto-accept");
        Disposition disposition = ParseDisposition(args.Get("disposition", "resolved"));

        using var session = client.Session(cancellationToken: cancel);
        await session.RequestStream.WriteAsync(new Contracts.V1.AgentCommand
        {
            Login = new SessionLogin { SipContact = args.Get("contact", ""), Available = !args.Flag("not-ready") },
        }, cancel);
        Console.WriteLine($"logged in as {user}; Ctrl+C to log out");

        try
        {
            await foreach (AgentEvent e in session.ResponseStream.ReadAllAsync(cancel))
            {
                Console.WriteLine($"{e.At.ToDateTimeOffset():HH:mm:ss} {Describe(e)}");
                if (autoAccept && e.EventCase == AgentEvent.EventOneofCase.Offer)
                {
                    await session.RequestStream.WriteAsync(new Contracts.V1.AgentCommand { Accept = new AcceptOffer { CallId = e.Offer.CallId } }, cancel);
                }
                else if (autoAccept && e.EventCase == AgentEvent.EventOneofCase.CallStopped)
                {
                    await session.RequestStream.WriteAsync(new Contracts.V1.AgentCommand
                    {
                        WrapUp = new WrapUp { CallId = e.CallStopped.CallId, Disposition = disposition, Notes = "wrapped up by callrouter-cli" },
                    }, cancel);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancel.IsCancellationRequested)
        {
        }

        return 0;
    }

    private static string Describe(AgentEvent e) => e.EventCase switch
    {
        AgentEvent.EventOneofCase.Started => $"session started: {e.Started.DisplayName}, {e.Started.Level}, models {string.Join(", ", e.Started.Models)}",
        AgentEvent.EventOneofCase.StateChanged => $"state {e.StateChanged.State} {e.StateChanged.Reason}".TrimEnd(),
        AgentEvent.EventOneofCase.Offer => $"OFFER call {e.Offer.CallId}: {e.Offer.Context.MachineModel} severity {e.Offer.Context.Severity}, account {e.Offer.Context.CustomerAccount}, expires {e.Offer.ExpiresAt.ToDateTimeOffset():HH:mm:ss}",
        AgentEvent.EventOneofCase.OfferWithdrawn => $"offer {e.OfferWithdrawn.CallId} withdrawn: {e.OfferWithdrawn.Reason}",
        AgentEvent.EventOneofCase.CallStarted => $"on call {e.CallStarted.CallId}",
        AgentEvent.EventOneofCase.CallStopped => $"call {e.CallStopped.CallId} ended; wrap-up until {e.CallStopped.WrapUpEndsAt.ToDateTimeOffset():HH:mm:ss}",
        AgentEvent.EventOneofCase.Rejected => $"rejected ({e.Rejected.Code}): {e.Rejected.Reason}",
        AgentEvent.EventOneofCase.Reminder => $"reminder {e.Reminder.ProblemNumber}: {e.Reminder.Text}",
        _ => e.ToString(),
    };

    private static Disposition ParseDisposition(string text) => text.ToLowerInvariant() switch
    {
        "resolved" => Disposition.Resolved,
        "needs-l2" => Disposition.NeedsL2,
        "escalate" => Disposition.EscalateToManufacturer,
        "call-back" => Disposition.CallBack,
        _ => throw new CliException("--disposition is one of resolved, needs-l2, escalate, call-back"),
    };
}
