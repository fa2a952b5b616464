using System.Collections.Concurrent;
using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Cases across server restarts and crashes on the same data folder (SPEC: a restart loses no case).</summary>
public sealed class CaseDurabilityTests
{
    private const int Writers = 4;
    private const int AcknowledgedBeforeKill = 200;

    [Fact]
    public async Task Server_KilledDuringABurstOfCaseWrites_KeepsEveryAcknowledgedWriteWithAWholeHistory()
    {
        string data = Directory.CreateTempSubdirectory("callrouter-crash-").FullName;
        try
        {
            string[] numbers;
            var acknowledged = new ConcurrentBag<(string Number, string Text)>();
            var versionsBefore = new Dictionary<string, long>();
            await using (ServerProcess first = await ServerProcess.StartAsync(dataDirectory: data))
            {
                using GrpcChannel channel = first.CreateChannel();
                var gateway = new RoutingService.RoutingServiceClient(await channel.LoginAsync("gateway", "demo-gateway"));
                var supervisor = new CaseService.CaseServiceClient(await channel.LoginAsync("supervisor", "demo-supervisor"));
                numbers = new string[Writers];
                for (int i = 0; i < Writers; i++)
                {
                    numbers[i] = (await gateway.RegisterAsync($"crash-{i}")).ProblemNumber;
                    versionsBefore[numbers[i]] = (await supervisor.GetCaseAsync(new GetCaseRequest { ProblemNumber = numbers[i] }, deadline: ServerFixture.Deadline())).Case.Version;
                }

                // Each writer adds notes to its own case flat out and remembers what was acknowledged.
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                Task[] writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
                {
                    for (int n = 0; !stop.IsCancellationRequested; n++)
                    {
                        string text = $"writer {w} note {n}";
                        try
                        {
                            await supervisor.AddNoteAsync(new AddCaseNoteRequest { ProblemNumber = numbers[w], Kind = CaseNoteKind.General, Text = text },
                                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: stop.Token);
                            acknowledged.Add((numbers[w], text));
                        }
                        catch (RpcException)
                        {
                            return; // the server is gone: this write was never acknowledged
                        }
                    }
                })).ToArray();

                DateTime giveUp = DateTime.UtcNow.AddSeconds(90);
                while (acknowledged.Count < AcknowledgedBeforeKill && DateTime.UtcNow < giveUp && !writers.All(t => t.IsCompleted))
                {
                    await Task.Delay(5);
                }

                Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} writes acknowledged before the kill:\n{first.Output}");
                await first.KillHardAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
            }

            await using ServerProcess second = await ServerProcess.StartAsync(dataDirectory: data);
            using GrpcChannel again = second.CreateChannel();
            var reader = new CaseService.CaseServiceClient(await again.LoginAsync("supervisor", "demo-supervisor"));
            foreach (string number in numbers)
            {
                CaseDetail detail = await reader.GetCaseAsync(new GetCaseRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline());
                var notes = detail.Notes.Where(n => n.Kind == CaseNoteKind.General).Select(n => n.Text).ToList();
                foreach ((string _, string text) in acknowledged.Where(a => a.Number == number))
                {
                    Assert.Contains(text, notes);
                }

                // Whole history: one audit line and one version per committed note, nothing half-written.
                Assert.Equal(notes.Count, detail.History.Count(h => h.Action == "NoteAdded"));
                Assert.Equal(versionsBefore[number] + notes.Count, detail.Case.Version);
                Assert.Equal(detail.History.Select(h => h.Sequence).Order(), detail.History.Select(h => h.Sequence));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ManufacturerUser_OfAnotherManufacturer_SeesNoneOfTheseCases()
    {
        string data = Directory.CreateTempSubdirectory("callrouter-scope-").FullName;
        try
        {
            string number;
            await using (ServerProcess desk = await ServerProcess.StartAsync(dataDirectory: data))
            {
                using GrpcChannel channel = desk.CreateChannel();
                var gateway = new RoutingService.RoutingServiceClient(await channel.LoginAsync("gateway", "demo-gateway"));
                number = (await gateway.RegisterAsync("scope-1")).ProblemNumber;
            }

            // Same cases, but this server's Mfr TS logins belong to another manufacturer.
            await using ServerProcess other = await ServerProcess.StartAsync(new Dictionary<string, string> { ["CallRouter__Cases__Manufacturer"] = "other-mfr" }, data);
            using GrpcChannel otherChannel = other.CreateChannel();
            var mfr = new CaseService.CaseServiceClient(await otherChannel.LoginAsync("mfr", "demo-mfr"));
            var supervisor = new CaseService.CaseServiceClient(await otherChannel.LoginAsync("supervisor", "demo-supervisor"));

            ListCasesResponse listed = await mfr.ListCasesAsync(new ListCasesRequest(), deadline: ServerFixture.Deadline());
            StatusCode read = await CaseCalls.StatusOf(() => mfr.GetCaseAsync(new GetCaseRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline()).ResponseAsync);
            StatusCode note = await CaseCalls.StatusOf(() => mfr.AddNoteAsync(new AddCaseNoteRequest { ProblemNumber = number, Kind = CaseNoteKind.Status, Text = "x" }, deadline: ServerFixture.Deadline()).ResponseAsync);

            Assert.Empty(listed.Cases);
            Assert.Equal(StatusCode.NotFound, read);
            Assert.Equal(StatusCode.NotFound, note);
            Assert.Empty((await supervisor.GetCaseAsync(new GetCaseRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline())).Notes.Where(n => n.Kind == CaseNoteKind.Status));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
