using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Infrastructure;

/// <summary>Creates a fresh, migrated store of one kind; disposing cleans it up.</summary>
public interface IStoreFactory
{
    string Kind { get; }

    Task<ICaseStore> CreateAsync(TimeProvider timeProvider);

    /// <summary>A second store instance over the same database, as after a process restart.</summary>
    Task<ICaseStore> ReopenAsync(ICaseStore store, TimeProvider timeProvider);
}
