using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class CaseStoreOnPostgres(PostgresServer server) : CaseStoreContract
{
    protected override IStoreFactory Factory { get; } = new PostgresStoreFactory(server);
}
