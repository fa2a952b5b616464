using CallRouter.Cases;
using CallRouter.Cases.Billing;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Storage;
using CallRouter.Core.Escalations;
using CallRouter.Core.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallRouter.Core.Cases;

/// <summary>Registers the case store and services (section <c>CallRouter:Cases</c>).</summary>
public static class CaseServices
{
    public static IServiceCollection AddCallRouterCases(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        CaseOptions options = configuration.GetSection(CaseOptions.Section).Get<CaseOptions>() ?? new CaseOptions();
        if (string.IsNullOrWhiteSpace(options.Manufacturer))
        {
            throw new InvalidOperationException("CallRouter:Cases:Manufacturer must name the manufacturer the desk serves.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("CallRouter:Cases:HeartbeatInterval must be positive.");
        }

        var calendar = new DeskCalendar(FindZone(options.TimeZoneId));
        services.AddSingleton(options);
        services.AddSingleton(calendar);
        services.AddSingleton<ICaseStore>(sp => CreateStore(options, dataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CaseService(sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<TimeProvider>(),
            new CaseServiceOptions { Calendar = calendar }));
        services.AddSingleton(sp => new EntitlementService(sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<TimeProvider>(), calendar));
        services.AddSingleton(sp => new ReportService(sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<TimeProvider>(), calendar));
        services.AddSingleton(sp => new BillingService(sp.GetRequiredService<ICaseStore>(), calendar));
        services.AddSingleton<CaseActors>();
        services.AddSingleton<BroadcastHub<Contracts.V1.CaseReminder>>();
        services.AddSingleton<CaseRecorder>();
        services.AddSingleton<CaseIntake>();
        services.AddHostedService<CaseHeartbeatService>();
        return services;
    }

    /// <summary>Migrates the store (idempotent) and connects the routing core to it; run once before serving.</summary>
    public static async Task InitializeCasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ICaseStore store = services.GetRequiredService<ICaseStore>();
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await services.InitializeEscalationAsync(cancellationToken).ConfigureAwait(false);
        services.GetRequiredService<RoutingCoordinator>().UseCaseRecorder(services.GetRequiredService<CaseRecorder>());
        CaseLog.StoreReady(services.GetRequiredService<ILoggerFactory>().CreateLogger("CallRouter.Cases"),
            store is SqliteCaseStore sqlite ? "sqlite " + sqlite.DatabasePath : "postgres");
    }

    private static ICaseStore CreateStore(CaseOptions options, string dataDirectory, TimeProvider time) => options.Store.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => new SqliteCaseStore(Path.Combine(dataDirectory, options.SqliteFile), time),
        "POSTGRES" or "POSTGRESQL" => new PostgresCaseStore(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("CallRouter:Cases:ConnectionString is required when Store is postgres.")
                : options.ConnectionString,
            time),
        _ => throw new InvalidOperationException($"CallRouter:Cases:Store must be 'sqlite' or 'postgres', got '{options.Store}'."),
    };

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "UTC" : id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"CallRouter:Cases:TimeZoneId '{id}' is not a known time zone (use an IANA id such as America/New_York).");
        }
    }
}
