using CallRouter.Core;
using CallRouter.Core.Cases;
using CallRouter.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;

// The all-in-one host: routing core, case and escalation gRPC services and the manufacturer
// TS portal (and, as it lands, the SIP gateway) in one process on embedded defaults.
// Everything is configured from appsettings.json and environment variables such as CallRouter__Server__GrpcPort=6000.
var builder = WebApplication.CreateBuilder(args);

ServerOptions server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // gRPC needs HTTP/2; without TLS that means an HTTP/2-only (prior knowledge) endpoint,
    // so the scrape endpoint gets its own HTTP/1.1 port.
    kestrel.Listen(ServerEndpoints.Parse(server.GrpcAddress), server.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
    kestrel.Listen(ServerEndpoints.Parse(server.HttpAddress), server.HttpPort, o => o.Protocols = HttpProtocols.Http1);
});
builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = server.ShutdownTimeout);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCallRouterCore(builder.Configuration, ServerEndpoints.ResolveDataDirectory(server.DataDirectory));
builder.Services.AddCallRouterGateway(builder.Configuration);
builder.Services.AddGrpcHealthChecks().AddCheck("routing", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
builder.Services.AddGrpcReflection();
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(CallRouterMetrics.MeterName)
    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
    .AddPrometheusExporter());

var app = builder.Build();
// The case store is created and migrated before anything is served (idempotent at every start).
await app.Services.InitializeCasesAsync();
app.UseAuthentication();
app.UseAuthorization();
app.MapCallRouterCore();
app.MapGrpcHealthChecksService().AllowAnonymous();
app.MapGrpcReflectionService().RequireAuthorization();
app.MapPrometheusScrapingEndpoint().AllowAnonymous();
app.MapGet("/", () => "CallRouter is running. gRPC on the HTTP/2 port; metrics at /metrics; manufacturer TS portal at /portal.").AllowAnonymous();

await app.RunAsync();
