using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

public sealed class TransferredCallOnSqlite : TransferredCallContract, IDisposable
{
    private readonly SqliteStoreFactory _factory = new();

    protected override IStoreFactory Factory => _factory;

    public void Dispose() => _factory.Dispose();
}
