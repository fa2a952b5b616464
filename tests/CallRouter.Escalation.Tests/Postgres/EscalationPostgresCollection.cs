using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Escalation.Tests.Postgres;

/// <summary>The PostgreSQL-backed escalation tests share one throwaway server (the cases tests' harness, linked).</summary>
[CollectionDefinition(Name)]
public sealed class EscalationPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Escalation PostgreSQL server";
}
