using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class ReportOnPostgres(PostgresServer server) : ReportContract
{
    protected override IStoreFactory Factory { get; } = new PostgresStoreFactory(server);
}
