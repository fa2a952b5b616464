using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class EntitlementOnPostgres(PostgresServer server) : EntitlementContract
{
    protected override IStoreFactory Factory { get; } = new PostgresStoreFactory(server);
}
