using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class CaseServiceOnPostgres(PostgresServer server) : CaseServiceContract
{
    protected override IStoreFactory Factory { get; } = new PostgresStoreFactory(server);
}
