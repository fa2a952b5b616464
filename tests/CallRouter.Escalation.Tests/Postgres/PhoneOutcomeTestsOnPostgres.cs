using CallRouter.Cases.Tests.Infrastructure;
using CallRouter.Escalation.Storage;

namespace CallRouter.Escalation.Tests.Postgres;

/// <summary>Every phone-outcome test again, over <see cref="PostgresEscalationStore"/> in a fresh schema of a throwaway server.</summary>
[Collection(EscalationPostgresCollection.Name)]
public sealed class PhoneOutcomeTestsOnPostgres(PostgresServer server) : PhoneOutcomeTests
{
    private protected override async Task<EscalationHarness> StartAsync(DateTimeOffset start)
    {
        string connectionString = await server.CreateIsolatedConnectionStringAsync();
        return await EscalationHarness.StartAsync(start, () => new PostgresEscalationStore(connectionString));
    }
}
