namespace CallRouter.Cases.Tests.Infrastructure;

/// <summary>All PostgreSQL-backed test classes share one throwaway server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
