using CallRouter.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CallRouter.Cli.Commands;

/// <summary>
/// Pushes a test call through routing as the gateway would: registers it, prints its
/// routing events, and once an agent accepts, "talks" for --talk seconds and hangs up.
/// </summary>
internal static class CallCommand
{
    public static async Task<int> RunAsync(CliArguments args, CancellationToken cancel)
    {
        using Connection connection = await Connection.OpenAsync(args.Server, args.Get("user", "gateway"), args.Password("demo-gateway"), cancel);
        var routing = new RoutingService.RoutingServiceClient(connection.Invoker);
        string callId = args.Get("call-id", "cli-" + Guid.NewGuid().ToString("N")[..8]);
        int talkSeconds = args.GetInt("talk", 5);

        RegisterCallResponse registered = await routing.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext
            {
                CallId = callId,
                MachineModel = args.Get("model", "NS10"),
                Severity = args.GetInt("severity", 3),
                CustomerAccount = args.Get("account", "DEMO-0001"),
                SerialNumber = args.Get("serial", "SN-DEMO"),
                CallbackNumber = args.Get("callback", "+15550100"),
                ProblemNumber = args.Get("problem", ""),
            },
        }, cancellationToken: cancel);

        if (registered.ReturnedToManufacturer)
        {
            Console.WriteLine($"call {callId} returned to the manufacturer: {registered.Reason}");
            return 0;
        }

        Console.WriteLine($"problem number {registered.ProblemNumber}{(registered.NotUnderContract ? " (caller NOT under contract: served, case flagged)" : "")}");
        Console.WriteLine(registered.Position > 0
            ? $"call {callId} queued at position {registered.Position}, expected wait {registered.ExpectedWait.ToTimeSpan():mm\\:ss}"
            : $"call {callId} registered and offered to an agent at once");
        var started = DateTimeOffset.UtcNow;
        using var watch = routing.WatchCall(new WatchCallRequest { CallId = callId }, cancellationToken: cancel);
        try
        {
            await foreach (RoutingEvent e in watch.ResponseStream.ReadAllAsync(cancel))
            {
                Console.WriteLine($"{e.At.ToDateTimeOffset():HH:mm:ss} {e.EventCase}: {Describe(e)}");
                if (e.EventCase == RoutingEvent.EventOneofCase.Connect)
                {
                    TimeSpan waited = DateTimeOffset.UtcNow - started;
                    await routing.ReportCallEventAsync(new CallEventRequest { CallId = callId, Answered = new CallAnswered { AgentId = e.Connect.AgentId } }, cancellationToken: cancel);
                    await Task.Delay(TimeSpan.FromSeconds(talkSeconds), TimeProvider.System, cancel);
                    await routing.ReportCallEventAsync(new CallEventRequest
                    {
                        CallId = callId,
                        Ended = new CallEnded { Waited = Duration.FromTimeSpan(waited), Talked = Duration.FromTimeSpan(TimeSpan.FromSeconds(talkSeconds)), EndedBy = "caller" },
                    }, cancellationToken: cancel);
                }
            }
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            // Ctrl+C while waiting: the caller hangs up.
            await routing.ReportCallEventAsync(new CallEventRequest
            {
                CallId = callId,
                Abandoned = new CallAbandoned { Waited = Duration.FromTimeSpan(DateTimeOffset.UtcNow - started) },
            }, deadline: DateTime.UtcNow.AddSeconds(5));
            Console.WriteLine($"call {callId} abandoned");
        }

        return 0;
    }

    private static string Describe(RoutingEvent e) => e.EventCase switch
    {
        RoutingEvent.EventOneofCase.Queued => $"position {e.Queued.Position}, expected wait {e.Queued.ExpectedWait.ToTimeSpan():mm\\:ss}",
        RoutingEvent.EventOneofCase.Offered => $"offered to {e.Offered.AgentId}",
        RoutingEvent.EventOneofCase.Overflowed => e.Overflowed.Description,
        RoutingEvent.EventOneofCase.Connect => $"agent {e.Connect.AgentId} accepted ({e.Connect.AgentSipContact})",
        RoutingEvent.EventOneofCase.Requeued => e.Requeued.Reason,
        RoutingEvent.EventOneofCase.Finished => e.Finished.Reason,
        _ => e.ToString(),
    };
}
