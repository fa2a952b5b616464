using CallRouter.Escalation;
using Microsoft.Extensions.Hosting;

namespace CallRouter.Core.Escalations;

/// <summary>Runs the escalation heartbeat (durable timers, outbox, PTAS status polls, case events) for the host's lifetime.</summary>
public sealed class EscalationSchedulerService(EscalationScheduler scheduler) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => scheduler.RunAsync(stoppingToken);
}
