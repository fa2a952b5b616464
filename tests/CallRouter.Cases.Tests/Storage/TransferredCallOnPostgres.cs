using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class TransferredCallOnPostgres(PostgresServer server) : TransferredCallContract
{
    protected override IStoreFactory Factory { get; } = new PostgresStoreFactory(server);
}
