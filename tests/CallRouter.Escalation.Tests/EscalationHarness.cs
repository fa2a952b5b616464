using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Escalation.Tests;

/// <summary>
/// The escalation service over a real SQLite file, a fake clock and scripted channels.
/// <see cref="Restart"/> builds a new store, service and scheduler over the same file, as a
/// process restart would; the channels and the case side outlive it, as outside systems do.
/// </summary>
internal sealed class EscalationHarness : IDisposable
{
    public const string ProblemNumber = "260001";
    private readonly string _directory;
    private readonly Func<IEscalationStore>? _storeFactory;

    private EscalationHarness(DateTimeOffset start, Func<IEscalationStore>? storeFactory)
    {
        _storeFactory = storeFactory;
        _directory = Path.Combine(Path.GetTempPath(), "callrouter-escalation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "escalation.db");
        Time = new FakeTimeProvider(start);
        Options = new EscalationOptions
        {
            ManufacturerPhone = new EscalationContact("Mfr TS", ContactChannel.Phone, "+18005550100"),
            Ptas = new EscalationContact("PTAS", ContactChannel.Pager, "MFRTS"),
        };
        Options.OnCallChain.Add(new EscalationContact("On-call engineer", ContactChannel.Pager, "8887900"));
        Options.OnCallChain.Add(new EscalationContact("TS manager", ContactChannel.Pager, "8887901"));
        Cases.AddCase(ProblemNumber);
        Restart();
    }

    public FakeTimeProvider Time { get; }

    public string DatabasePath { get; }

    public EscalationOptions Options { get; }

    public InMemoryEscalationCaseGateway Cases { get; } = new();

    public InMemoryEscalationNotifier Notifier { get; } = new();

    public ScriptedPagerChannel Pager { get; } = new();

    public RecordingPhoneChannel Phone { get; } = new();

    public EscalationService Service { get; private set; } = null!;

    public EscalationScheduler Scheduler { get; private set; } = null!;

    public IEscalationStore Store { get; private set; } = null!;

    /// <param name="storeFactory">A new store over the same database for each "process" (default: SQLite in a temp folder).</param>
    public static async Task<EscalationHarness> StartAsync(DateTimeOffset start, Func<IEscalationStore>? storeFactory = null)
    {
        var harness = new EscalationHarness(start, storeFactory);
        await harness.Service.InitializeAsync(CancellationToken.None);
        return harness;
    }

    public static EscalationRequest Request(string problemNumber = ProblemNumber) =>
        new(problemNumber, "Pat Desk", "+19194613016", "NS10 reboots every hour after upgrade", "agent1");

    /// <summary>A new store, service and scheduler over the same database: what a process restart leaves.</summary>
    public void Restart()
    {
        Store = _storeFactory?.Invoke() ?? new SqliteEscalationStore(DatabasePath);
        Service = new EscalationService(Store, Cases, Pager, Phone, Notifier, ContactPathPolicy.FromOptions(new EscalationScheduleOptions()), Options, Time);
        Scheduler = new EscalationScheduler(Service, Options, Time);
    }

    /// <summary>Moves the fake clock and runs one heartbeat, as the scheduler would at that instant.</summary>
    public async Task<int> AdvanceAndBeatAsync(TimeSpan by)
    {
        Time.Advance(by);
        return await Scheduler.RunOnceAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS otherwise.
        }
    }
}
