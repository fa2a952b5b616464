using System.Globalization;
using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// The desk: the real server process over a data folder the test owns (so it survives a kill and
/// restart), configured so every escalation during the test is out of Mfr business hours with
/// the PTAS staffed, whatever the real time: Mfr "business hours" are a one-hour window that
/// starts at least two hours after the test does, in UTC, and the PTAS is staffed always.
/// </summary>
internal sealed class EscalationDesk : IAsyncDisposable
{
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, string> _settings;
    private GrpcChannel _channel;

    private EscalationDesk(ServerProcess server, Dictionary<string, string> settings, string dataDirectory)
    {
        Server = server;
        _settings = settings;
        DataDirectory = dataDirectory;
        _channel = server.CreateChannel();
    }

    public ServerProcess Server { get; private set; }

    public string DataDirectory { get; }

    public string NoticeUrl => $"http://127.0.0.1:{Server.HttpPort}/escalation/ptas/unreachable";

    public static Dictionary<string, string> OutOfHoursSettings(SharedClock clock, int snppPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["CallRouter__Escalation__Schedule__TimeZoneId"] = "Etc/UTC",
            ["CallRouter__Escalation__Schedule__BusinessHours"] = ClosedWhileTesting(clock.Epoch),
            ["CallRouter__Escalation__Schedule__PtasStaffedHours"] = "always",
            ["CallRouter__Escalation__Snpp__Port"] = snppPort.ToString(CultureInfo.InvariantCulture),
        };
        clock.AddServerSettings(settings);
        return settings;
    }

    public static async Task<EscalationDesk> StartAsync(Dictionary<string, string> settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("callrouter-escalation-e2e-").FullName;
        try
        {
            return new EscalationDesk(await StartServerAsync(settings, dataDirectory), settings, dataDirectory);
        }
        catch
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>SIGKILL (a crash: nothing flushed, no shutdown hooks), then a new process over the same data folder.</summary>
    public async Task CrashAndRestartAsync()
    {
        await Server.KillHardAsync();
        _channel.Dispose();
        await Server.DisposeAsync();
        Server = await StartServerAsync(_settings, DataDirectory);
        _channel = Server.CreateChannel();
    }

    /// <summary>
    /// Starts the server (the shared harness starts it again on fresh ports when one it was given
    /// was taken in the meantime).
    /// </summary>
    internal static Task<ServerProcess> StartServerAsync(Dictionary<string, string> settings, string? dataDirectory = null) =>
        ServerProcess.StartAsync(settings, dataDirectory);

    /// <summary>
    /// Starts the server expecting it to refuse its configuration and exit; returns the exit code
    /// and everything it printed. A server that starts anyway is stopped and the test fails.
    /// </summary>
    internal static async Task<ServerExitedException> StartExpectingRefusalAsync(Dictionary<string, string> settings, string dataDirectory)
    {
        ServerProcess started;
        try
        {
            started = await ServerProcess.StartAsync(settings, dataDirectory);
        }
        catch (ServerExitedException refused)
        {
            return refused;
        }

        await started.DisposeAsync();
        throw new Xunit.Sdk.XunitException("the server started with a configuration it should have refused");
    }

    public async Task<CallInvoker> LoginAsync(string user) => await _channel.LoginAsync(user, "demo-" + user);

    /// <summary>A new case, as the gateway opens one for a call (here one the caller abandoned).</summary>
    public async Task<string> NewCaseAsync(string callId)
    {
        var gateway = new RoutingService.RoutingServiceClient(await LoginAsync("gateway"));
        RegisterCallResponse registered = await gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext
            {
                CallId = callId, MachineModel = "NS100", Severity = 2, CustomerAccount = "ACME-001", SerialNumber = "SN-" + callId,
                CallbackNumber = "+15550100",
            },
        }, deadline: Deadline());
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Abandoned = new CallAbandoned() }, deadline: Deadline());
        return registered.ProblemNumber;
    }

    /// <summary>Reads the case's escalations until one satisfies the condition (bounded in real time).</summary>
    public async Task<Contracts.V1.Escalation> WaitForEscalationAsync(string problemNumber, Func<Contracts.V1.Escalation, bool> condition, TimeSpan realBound)
    {
        var escalations = new EscalationService.EscalationServiceClient(await LoginAsync("supervisor"));
        var deadline = DateTime.UtcNow + realBound;
        while (true)
        {
            var list = await escalations.ListEscalationsAsync(new ListEscalationsRequest { ProblemNumber = problemNumber }, deadline: Deadline());
            if (list.Escalations.FirstOrDefault(condition) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"case {problemNumber}'s escalation did not reach the expected state within {realBound.TotalSeconds} s: {list}\nServer output:\n{Server.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<CaseDetail> WaitForCaseAsync(string problemNumber, Func<CaseDetail, bool> condition, TimeSpan realBound)
    {
        var cases = new CaseService.CaseServiceClient(await LoginAsync("supervisor"));
        var deadline = DateTime.UtcNow + realBound;
        while (true)
        {
            var detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = problemNumber }, deadline: Deadline());
            if (condition(detail))
            {
                return detail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"case {problemNumber} did not reach the expected state within {realBound.TotalSeconds} s: {detail}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }

    public static DateTime Deadline() => DateTime.UtcNow + CallDeadline;

    /// <summary>"Mon-Sun HH:00-HH+1:00" for the hour starting two to three hours after <paramref name="start"/> (UTC), never crossing midnight.</summary>
    private static string ClosedWhileTesting(DateTimeOffset start)
    {
        int hour = start.UtcDateTime.AddHours(3).Hour;
        return string.Create(CultureInfo.InvariantCulture, $"Mon-Sun {hour:00}:00-{(hour + 1):00}:00");
    }
}
