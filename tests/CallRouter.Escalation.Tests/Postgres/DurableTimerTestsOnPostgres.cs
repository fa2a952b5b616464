using CallRouter.Cases.Tests.Infrastructure;
using CallRouter.Escalation.Storage;

namespace CallRouter.Escalation.Tests.Postgres;

/// <summary>Every durable-timer test again, over <see cref="PostgresEscalationStore"/> in a fresh schema of a throwaway server.</summary>
[Collection(EscalationPostgresCollection.Name)]
public sealed class DurableTimerTestsOnPostgres(PostgresServer server) : DurableTimerTests
{
    private protected override async Task<EscalationHarness> StartAsync(DateTimeOffset start)
    {
        string connectionString = await server.CreateIsolatedConnectionStringAsync();
        return await EscalationHarness.StartAsync(start, () => new PostgresEscalationStore(connectionString));
    }
}
