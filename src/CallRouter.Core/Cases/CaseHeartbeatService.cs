using System.Globalization;
using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Core.Routing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>
/// Runs the case library's <see cref="CaseHeartbeat"/> for the host: update-due reminders go
/// to every agent console and to the supervisors' reminder streams; the same-day closure sweep
/// runs on the same beat. A store failure is logged and the loop starts again after one interval.
/// </summary>
public sealed class CaseHeartbeatService(
    CaseService cases,
    CaseOptions options,
    RoutingCoordinator coordinator,
    BroadcastHub<Proto.CaseReminder> reminders,
    TimeProvider time,
    ILogger<CaseHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = new CaseHeartbeat(cases, time, options.HeartbeatInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (UpdateReminder reminder in heartbeat.RunAsync(stoppingToken).ConfigureAwait(false))
                {
                    Publish(reminder);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                CaseLog.HeartbeatFailed(logger, options.HeartbeatInterval, failure);
                await Task.Delay(options.HeartbeatInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Publish(UpdateReminder reminder)
    {
        CaseLog.ReminderRaised(logger, reminder.ProblemNumber.ToString(), (int)reminder.Severity, reminder.DueAt);
        var message = new Proto.CaseReminder
        {
            ProblemNumber = reminder.ProblemNumber.ToString(),
            DueAt = Timestamp.FromDateTimeOffset(reminder.DueAt),
            Text = string.Create(CultureInfo.InvariantCulture,
                $"Severity {(int)reminder.Severity} case {reminder.ProblemNumber} ({reminder.State}) owes the end user an update since {reminder.DueAt:yyyy-MM-dd HH:mm}Z"),
        };
        reminders.Publish(message);
        coordinator.BroadcastReminder(message);
    }
}
