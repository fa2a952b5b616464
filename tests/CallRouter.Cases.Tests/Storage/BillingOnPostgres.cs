using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class BillingOnPostgres(PostgresServer server) : BillingContract
{
    protected override IStoreFactory Factory { get; } = new PostgresStoreFactory(server);
}
