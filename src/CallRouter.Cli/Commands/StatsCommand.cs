using CallRouter.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CallRouter.Cli.Commands;

/// <summary>Prints the supervisor statistics once, or every second with --watch.</summary>
internal static class StatsCommand
{
    public static async Task<int> RunAsync(CliArguments args, CancellationToken cancel)
    {
        using Connection connection = await Connection.OpenAsync(args.Server, args.Get("user", "supervisor"), args.Password("demo-supervisor"), cancel);
        var supervisor = new SupervisorService.SupervisorServiceClient(connection.Invoker);
        if (!args.Flag("watch"))
        {
            Print(await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), cancellationToken: cancel));
            return 0;
        }

        using var stream = supervisor.WatchStatistics(new WatchStatisticsRequest { Interval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }, cancellationToken: cancel);
        try
        {
            await foreach (StatisticsSnapshot snapshot in stream.ResponseStream.ReadAllAsync(cancel))
            {
                Print(snapshot);
            }
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
        }

        return 0;
    }

    private static void Print(StatisticsSnapshot s)
    {
        Console.WriteLine($"{s.At.ToDateTimeOffset():HH:mm:ss} waiting {s.CallsWaiting} (longest {s.LongestWait.ToTimeSpan():mm\\:ss}) | today: offered {s.CallsOfferedToday}, answered {s.CallsAnsweredToday}, abandoned {s.CallsAbandonedToday}, returned {s.CallsReturnedToday}");
        Console.WriteLine("  agents: " + string.Join(", ", s.Agents.Where(a => a.Count > 0).Select(a => $"{a.State} {a.Count}")));
        foreach (QueueStatistics q in s.Queues.Where(q => q.Waiting > 0))
        {
            Console.WriteLine($"  queue {q.Queue.MachineModel} S{q.Queue.Severity} {q.Queue.Level}: {q.Waiting} waiting, longest {q.LongestWait.ToTimeSpan():mm\\:ss}");
        }
    }
}
