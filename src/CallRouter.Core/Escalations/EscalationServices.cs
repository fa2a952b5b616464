using CallRouter.Cases;
using CallRouter.Cases.Storage;
using CallRouter.Core.Cases;
using CallRouter.Escalation;
using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Clock;
using CallRouter.Escalation.Notices;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;
using CallRouter.Escalation.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Escalations;

/// <summary>Registers escalation to Mfr TS (section <c>CallRouter:Escalation</c>) over the case service.</summary>
public static class EscalationServices
{
    public static IServiceCollection AddCallRouterEscalation(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        IConfigurationSection section = configuration.GetSection(EscalationHostOptions.Section);
        EscalationHostOptions host = section.Get<EscalationHostOptions>() ?? new EscalationHostOptions();
        var options = new EscalationOptions();
        section.Bind(options);
        options.Validate();
        var schedule = new EscalationScheduleOptions();
        section.GetSection("Schedule").Bind(schedule);
        ContactPathPolicy paths = ContactPathPolicy.FromOptions(schedule);
        SnppClientOptions snpp = section.GetSection("Snpp").Get<SnppClientOptions>() ?? new SnppClientOptions();

        // Test/QA only: an accelerated clock for escalation alone (timers, windows, polls). The
        // SNPP time-out stays on real time: it bounds a network wait, not a response window.
        AcceleratedClockSettings clockSettings = section.GetSection(AcceleratedClockSettings.SectionName).Get<AcceleratedClockSettings>() ?? new AcceleratedClockSettings();
        EpochAcceleratedTimeProvider? testClock = clockSettings.CreateClock(EscalationHostOptions.Section);
        TimeProvider EscalationTime(IServiceProvider sp)
        {
            if (testClock is null)
            {
                return sp.GetRequiredService<TimeProvider>();
            }

            sp.GetRequiredService<ILoggerFactory>().CreateLogger("CallRouter.Escalation").LogWarning(
                "Escalation runs on an accelerated test clock (speed {Speed}, epoch {Epoch:O}); never use this in production", testClock.Speed, testClock.Epoch);
            return testClock;
        }

        var notices = new PtasNoticeOptions();
        section.GetSection(PtasNoticeOptions.SectionName).Bind(notices);
        var noticeAccess = new PtasNoticeAccess(notices, EscalationHostOptions.Section); // fails fast on a bad peer address

        services.AddSingleton(host);
        services.AddSingleton(noticeAccess);
        services.AddSingleton(options);
        services.AddSingleton(paths);
        services.AddSingleton<BroadcastHub<Proto.EscalationNotice>>();
        IEscalationStore store = CreateStore(host, configuration.GetSection(CaseOptions.Section), dataDirectory); // fails fast on a bad choice
        services.AddSingleton(store);
        services.AddSingleton<IEscalationCaseGateway>(sp => new CaseEscalationGateway(sp.GetRequiredService<CaseService>(), sp.GetRequiredService<ICaseStore>()));
        services.AddSingleton<IPagerChannel>(sp => new SnppClient(snpp, sp.GetRequiredService<TimeProvider>()));

        // The in-hours phone leg is placed by the SIP gateway when it is hosted (AddCallRouterGateway
        // registers its channel, before or after this); without it every call "fails", so the
        // 15-minute window lapses into the on-call pager chain.
        services.TryAddSingleton<IManufacturerPhoneChannel, UnavailablePhoneChannel>();
        services.AddSingleton<IEscalationNotifier, ConsoleEscalationNotifier>();
        services.AddSingleton(sp => new EscalationService(
            sp.GetRequiredService<IEscalationStore>(), sp.GetRequiredService<IEscalationCaseGateway>(), sp.GetRequiredService<IPagerChannel>(),
            sp.GetRequiredService<IManufacturerPhoneChannel>(), sp.GetRequiredService<IEscalationNotifier>(), paths, options,
            EscalationTime(sp), sp.GetRequiredService<ILogger<EscalationService>>()));
        services.AddSingleton(sp => new EscalationScheduler(sp.GetRequiredService<EscalationService>(), options,
            testClock ?? sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EscalationScheduler>>()));
        services.AddSingleton<CaseEscalations>();
        services.AddSingleton<IWrapUpEscalator>(sp => sp.GetRequiredService<CaseEscalations>());
        services.AddHostedService<EscalationSchedulerService>();
        return services;
    }

    /// <summary>Escalations live next to the cases unless configured otherwise: SQLite in the data folder, or the same PostgreSQL.</summary>
    private static IEscalationStore CreateStore(EscalationHostOptions host, IConfigurationSection cases, string dataDirectory)
    {
        string kind = string.IsNullOrWhiteSpace(host.Store) ? cases["Store"] ?? "sqlite" : host.Store;
        switch (kind.Trim().ToUpperInvariant())
        {
            case "SQLITE":
                return new SqliteEscalationStore(Path.Combine(dataDirectory, host.DatabaseFile));
            case "POSTGRES" or "POSTGRESQL":
                string connection = string.IsNullOrWhiteSpace(host.ConnectionString) ? cases["ConnectionString"] ?? "" : host.ConnectionString;
                return string.IsNullOrWhiteSpace(connection)
                    ? throw new InvalidOperationException($"{EscalationHostOptions.Section}:ConnectionString (or {CaseOptions.Section}:ConnectionString) is required when escalations are on postgres.")
                    : new PostgresEscalationStore(connection);
            default:
                throw new InvalidOperationException($"{EscalationHostOptions.Section}:Store must be 'sqlite' or 'postgres' (or empty to follow {CaseOptions.Section}:Store), got '{kind}'.");
        }
    }

    /// <summary>Creates the escalation tables before anything is served (idempotent).</summary>
    public static Task InitializeEscalationAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<EscalationService>().InitializeAsync(cancellationToken);
}
