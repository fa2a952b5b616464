using CallRouter.Cases.Tests.Infrastructure;
using CallRouter.Contracts.V1;
using Grpc.Net.Client;

namespace CallRouter.Server.PostgresTests;

/// <summary>The same server build with its cases on PostgreSQL (SPEC R18), through a hard restart.</summary>
public sealed class ServerOnPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(15);

    [Fact]
    public async Task Server_WithCasesOnPostgres_KeepsCasesNotesAndHistoryAcrossAKill()
    {
        string connection = await postgres.CreateIsolatedConnectionStringAsync();
        var settings = new Dictionary<string, string>
        {
            ["CallRouter__Cases__Store"] = "postgres",
            ["CallRouter__Cases__ConnectionString"] = connection,
        };
        string data = Directory.CreateTempSubdirectory("callrouter-pg-").FullName;
        try
        {
            string number;
            await using (ServerProcess first = await ServerProcess.StartAsync(settings, data))
            {
                using GrpcChannel channel = first.CreateChannel();
                var gateway = new RoutingService.RoutingServiceClient(await channel.LoginAsync("gateway", "demo-gateway"));
                var cases = new CaseService.CaseServiceClient(await channel.LoginAsync("alice", "demo-alice"));
                number = (await gateway.RegisterCallAsync(new RegisterCallRequest
                {
                    Context = new CallContext { CallId = "pg-1", MachineModel = "NS-5", Severity = 1, CustomerAccount = "PG-ACCOUNT" },
                }, deadline: Deadline())).ProblemNumber;
                await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "pg-1", Abandoned = new CallAbandoned() }, deadline: Deadline());
                await cases.AddNoteAsync(new AddCaseNoteRequest { ProblemNumber = number, Kind = CaseNoteKind.General, Text = "on postgres" }, deadline: Deadline());
                await cases.ChangeStateAsync(new ChangeCaseStateRequest { ProblemNumber = number, State = CaseState.InProgress }, deadline: Deadline());
                await first.KillHardAsync();
            }

            // The SQLite files in the data folder hold no cases: everything comes back from PostgreSQL.
            Assert.False(File.Exists(Path.Combine(data, "cases.db")));
            await using ServerProcess second = await ServerProcess.StartAsync(settings, data);
            using GrpcChannel again = second.CreateChannel();
            var reader = new CaseService.CaseServiceClient(await again.LoginAsync("supervisor", "demo-supervisor"));
            CaseDetail detail = await reader.GetCaseAsync(new GetCaseRequest { ProblemNumber = number }, deadline: Deadline());

            Assert.Equal(CaseState.InProgress, detail.Case.State);
            Assert.Equal("PG-ACCOUNT", detail.Case.CustomerAccount);
            Assert.True(Assert.Single(detail.Calls).Abandoned);
            Assert.Contains(detail.Notes, n => n.Text == "on postgres" && n.Author == "alice");
            Assert.Equal(["CaseOpened", "NotUnderContract", "CallAttached", "CallLogged", "NoteAdded", "StateChanged"], detail.History.Select(h => h.Action).ToArray());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
