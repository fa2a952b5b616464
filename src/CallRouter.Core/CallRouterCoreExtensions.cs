using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using CallRouter.Core.Escalations;
using CallRouter.Core.Portal;
using CallRouter.Core.Persistence;
using CallRouter.Core.Routing;
using CallRouter.Core.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallRouter.Core;

/// <summary>Registers and maps the routing core: authentication, persistence, the coordinator and its gRPC services.</summary>
public static class CallRouterCoreExtensions
{
    public static IServiceCollection AddCallRouterCore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var authOptions = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var routingOptions = configuration.GetSection(RoutingHostOptions.Section).Get<RoutingHostOptions>() ?? new RoutingHostOptions();

        services.AddSingleton(authOptions);
        services.AddSingleton(routingOptions);
        services.AddSingleton(new CoreDatabase(dataDirectory));
        services.AddSingleton<CoreRepository>();
        services.AddSingleton<CallRouterMetrics>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton(sp => SeedUsers(authOptions, sp.GetRequiredService<CoreRepository>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp =>
        {
            var coordinator = ActivatorUtilities.CreateInstance<RoutingCoordinator>(sp);
            var users = sp.GetRequiredService<UserDirectory>();
            var accounts = authOptions.Users.Select(u => users.Find(u.UserName)).OfType<UserAccount>();
            coordinator.Bootstrap(RoutingCoordinator.AgentsFromConfiguration(accounts, authOptions.Users));
            return coordinator;
        });

        services.AddCallRouterCases(configuration, dataDirectory);
        services.AddCallRouterEscalation(configuration, dataDirectory);

        services.AddAuthentication(BearerTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthenticationHandler>(BearerTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 1024 * 1024;
            o.EnableDetailedErrors = false;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCallRouterCore(this IEndpointRouteBuilder endpoints)
    {
        // Build the coordinator (and bootstrap agents) at start-up rather than on the first call.
        endpoints.ServiceProvider.GetRequiredService<RoutingCoordinator>();
        endpoints.MapGrpcService<AuthGrpcService>();
        endpoints.MapGrpcService<RoutingGrpcService>();
        endpoints.MapGrpcService<AgentGrpcService>();
        endpoints.MapGrpcService<SupervisorGrpcService>();
        endpoints.MapGrpcService<AdminGrpcService>();
        endpoints.MapGrpcService<CaseGrpcService>();
        endpoints.MapGrpcService<EscalationGrpcService>();
        endpoints.MapManufacturerPortal();
        endpoints.MapPtasNotices();
        return endpoints;
    }

    /// <summary>Accounts from configuration plus agents administered at run time (those win).</summary>
    private static UserDirectory SeedUsers(AuthOptions options, CoreRepository repository, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger("CallRouter.Auth");
        var directory = new UserDirectory();
        foreach (SeedUser seed in options.Users)
        {
            if (string.IsNullOrWhiteSpace(seed.UserName))
            {
                throw new InvalidOperationException("CallRouter:Auth:Users has an entry without a UserName.");
            }

            string[] unknownRoles = seed.Roles.Where(r => !Roles.All.Contains(r)).ToArray();
            if (unknownRoles.Length > 0)
            {
                throw new InvalidOperationException($"user '{seed.UserName}' has unknown roles: {string.Join(", ", unknownRoles)}");
            }

            string hash = seed.PasswordHash ?? (seed.Password is { Length: > 0 } password
                ? PasswordHasher.Hash(password)
                : throw new InvalidOperationException($"user '{seed.UserName}' needs a Password or PasswordHash"));
            if (seed.PasswordHash is null)
            {
                logger.LogWarning("Account {UserName} uses a plain-text password from configuration; give a PasswordHash in production", seed.UserName);
            }

            directory.Upsert(new UserAccount(seed.UserName, seed.DisplayName ?? seed.UserName, hash, seed.Roles.ToHashSet(StringComparer.Ordinal)));
        }

        foreach (StoredAgent agent in repository.LoadAgents())
        {
            string role = agent.Skills.Level == CallRouter.Routing.AgentLevel.L2 ? Roles.AgentL2 : Roles.AgentL1;
            directory.Upsert(new UserAccount(agent.AgentId, agent.DisplayName, agent.PasswordHash, new HashSet<string> { role }));
        }

        return directory;
    }
}
