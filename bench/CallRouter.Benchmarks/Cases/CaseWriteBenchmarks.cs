using BenchmarkDotNet.Attributes;
using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Benchmarks.Cases;

/// <summary>
/// Acknowledged case-event writes: each operation is one committed change (case row update +
/// note + audit line) whose task has completed, i.e. durable (SQLite WAL + synchronous=FULL;
/// PostgreSQL synchronous_commit=on). Writers each own one case, so there are no version
/// conflicts; "Service" goes through CaseService.AddNoteAsync (read + commit), "Store"
/// commits a prepared change. Events/s = OperationsPerInvoke / mean time per invoke.
/// </summary>
[MemoryDiagnoser]
public class CaseWriteBenchmarks
{
    private const int EventsPerInvoke = 512;

    private BenchPostgres? _postgres;
    private string? _sqlitePath;
    private ICaseStore _store = null!;
    private CaseService _service = null!;
    private CaseRecord[] _cases = [];
    private readonly Actor _agent = new("bench", Role.L1Agent);

    [Params("SQLite", "PostgreSQL")]
    public string Store { get; set; } = "SQLite";

    [Params(1, 16)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        try
        {
            SetupAsync().GetAwaiter().GetResult();
        }
        catch
        {
            // BenchmarkDotNet skips GlobalCleanup when setup throws: never leave a server running.
            _postgres?.Dispose();
            throw;
        }
    }

    private async Task SetupAsync()
    {
        if (Store == "SQLite")
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"callrouter-bench-{Guid.NewGuid():N}.db");
            _store = new SqliteCaseStore(_sqlitePath, TimeProvider.System);
        }
        else
        {
            _postgres = new BenchPostgres();
            _store = new PostgresCaseStore(_postgres.ConnectionString, TimeProvider.System);
        }

        await _store.MigrateAsync();
        _service = new CaseService(_store, TimeProvider.System);
        _cases = new CaseRecord[Writers];
        for (var i = 0; i < Writers; i++)
        {
            _cases[i] = await _service.OpenCaseAsync(_agent, new NewCase
            {
                Manufacturer = "NetScreen",
                CustomerAccount = "BENCH-" + i,
                Severity = Severity.S3,
                SeverityAgreement = new EndUserAgreement("bench caller", TimeProvider.System.GetUtcNow().AddSeconds(-1), "IVR"),
            });
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public Task StoreCommit() => RunWritersAsync(async w =>
    {
        var current = _cases[w];
        var now = TimeProvider.System.GetUtcNow();
        var next = current with { UpdatedAt = now, Version = current.Version + 1 };
        await _store.CommitAsync(new CaseChange
        {
            Case = next,
            ExpectedVersion = current.Version,
            Notes = [new CaseNote(current.ProblemNumber, NoteKind.General, "benchmark note", "bench", Role.L1Agent, now)],
            Audit = [new AuditEntry(0, current.ProblemNumber, now, "bench", Role.L1Agent, "NoteAdded", "General: benchmark note")],
        });
        _cases[w] = next;
    });

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public Task ServiceAddNote() => RunWritersAsync(async w =>
        _cases[w] = await _service.AddNoteAsync(_agent, _cases[w].ProblemNumber, NoteKind.General, "benchmark note"));

    private Task RunWritersAsync(Func<int, Task> writeOne) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < EventsPerInvoke / Writers; i++)
            {
                await writeOne(w);
            }
        })));

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _postgres?.Dispose();
        if (_sqlitePath is not null)
        {
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
