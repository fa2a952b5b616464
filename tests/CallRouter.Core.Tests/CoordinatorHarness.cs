using System.Diagnostics.Metrics;
using CallRouter.Core.Persistence;
using CallRouter.Core.Routing;
using CallRouter.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

/// <summary>A coordinator on a fake clock and a throwaway database, with the demo agents loaded.</summary>
internal sealed class CoordinatorHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("callrouter-core-").FullName;
    private readonly TestMeterFactory _meters = new();

    public CoordinatorHarness(RoutingHostOptions? options = null)
    {
        Options = options ?? new RoutingHostOptions { OfferTimeout = TimeSpan.FromSeconds(20), WrapUpTime = TimeSpan.FromSeconds(60) };
        Database = new CoreDatabase(_data);
        Coordinator = new RoutingCoordinator(Options, Time, new CoreRepository(Database),
            new CallRouterMetrics(_meters, Time), NullLogger<RoutingCoordinator>.Instance);
        Coordinator.Bootstrap(
        [
            new StoredAgent("alice", "Alice", new AgentSkills(AgentLevel.L1, [MachineModel.Ns5, MachineModel.Ns10]), "x"),
            new StoredAgent("bob", "Bob", new AgentSkills(AgentLevel.L1, [MachineModel.Ns100]), "x"),
            new StoredAgent("carol", "Carol", new AgentSkills(AgentLevel.L2, [MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10, MachineModel.Ns100]), "x"),
        ]);
    }

    public FakeTimeProvider Time { get; } = new(Start);
    public RoutingHostOptions Options { get; }
    public CoreDatabase Database { get; }
    public RoutingCoordinator Coordinator { get; }

    public Proto.RegisterCallResponse Register(string callId, string model = "NS10", int severity = 2, string problem = "") =>
        Coordinator.RegisterCall(new Proto.CallContext
        {
            CallId = callId, MachineModel = model, Severity = severity, CustomerAccount = "ACME", ProblemNumber = problem, CallbackNumber = "+15550100",
        });

    /// <summary>Everything the stream holds right now, without waiting.</summary>
    public static List<T> Drain<T>(System.Threading.Channels.ChannelReader<T> reader)
    {
        var items = new List<T>();
        while (reader.TryRead(out T? item))
        {
            items.Add(item);
        }

        return items;
    }

    public long Count(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Coordinator.Dispose();
        _meters.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
