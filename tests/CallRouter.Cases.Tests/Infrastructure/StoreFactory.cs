using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Infrastructure;

/// <summary>Creates a fresh, migrated store of one kind; disposing cleans it up.</summary>
public interface IStoreFactory
{
    string Kind { get; }

    Task<ICaseStore> CreateAsync(TimeProvider timeProvider);

    /// <summary>A second store instance over the same database, as after a process restart.</summary>
    Task<ICaseStore> ReopenAsync(ICaseStore store, TimeProvider timeProvider);

    /// <summary>Runs SQL straight on the store's database, e.g. to put it back in the shape an older build left.</summary>
    Task ExecuteSqlAsync(ICaseStore store, string sql);
}
