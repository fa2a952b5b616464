using System.Diagnostics;
using System.Globalization;
using System.Net;
using CallRouter.Contracts.V1;
using CallRouter.Simulators.Storm.Agents;
using CallRouter.Simulators.Storm.Callers;
using CallRouter.Simulators.Storm.Profile;
using CallRouter.Simulators.Storm.Reporting;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Simulators.Storm;

/// <summary>
/// One storm from start to report: agents up (accounts, softphones, consoles), SIPp callers per severity,
/// a progress line every second, then a drain of the calls still talking and the report. Everything is
/// bounded by the profile's maxDurationSeconds.
/// </summary>
public sealed class StormRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private readonly StormProfile _profile;
    private readonly TextWriter _out;

    public StormRunner(StormProfile profile, TextWriter output)
    {
        _profile = ProfileValidator.EnsureValid(profile);
        _out = output;
    }

    public async Task<StormReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(_profile.MaxDurationSeconds));
        var stop = bound.Token;

        using var channel = GrpcChannel.ForAddress(_profile.GrpcAddress);
        var supervisor = await SupervisorAsync(channel, stop).ConfigureAwait(false);
        var before = await supervisor.SnapshotAsync(stop).ConfigureAwait(false);
        var tally = new AgentTally();

        await using var farm = await AgentFarm.StartAsync(_profile, channel, tally, _out, stop).ConfigureAwait(false);
        var plans = CallerPlan.For(_profile);
        var callers = new List<SippCaller>();
        var local = IPAddress.Parse(_profile.LocalAddress);
        TimeSpan callerLimit = TimeSpan.FromSeconds(_profile.MaxDurationSeconds) - clock.Elapsed;
        double placingStarted = clock.Elapsed.TotalSeconds;
        double? placingEnded = null;
        try
        {
            int next = _profile.CallerPortBase;
            foreach (var plan in plans)
            {
                int sipPort = LocalPorts.FreeBlock(local, 1, next);
                int mediaPort = LocalPorts.FreeBlock(local, 4, next > 0 ? next + 2 : 0);
                if (next > 0) next += 10;
                callers.Add(SippCaller.Start(_profile, plan, sipPort, mediaPort, callerLimit));
                await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"storm: SIPp severity {plan.Severity}: {plan.Calls} calls at {plan.Rate:0.###}/s from {local}:{sipPort} (media {mediaPort})")).ConfigureAwait(false);
            }

            await _out.WriteLineAsync("   t s | placed  now  done fail | bridged now max | waiting abandoned | offers accepted").ConfigureAwait(false);
            // The core's counters are polled on their own, so a slow answer under load never delays the progress line.
            using var polling = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var poller = supervisor.PollAsync(ProgressInterval, polling.Token);
            while (!callers.TrueForAll(c => c.HasExited) && !stop.IsCancellationRequested)
            {
                await Delay(ProgressInterval, stop).ConfigureAwait(false);
                var sipp = SippStatistics.Sum(callers.Select(c => c.Statistics()));
                if (placingEnded is null && sipp.Created >= _profile.Calls) placingEnded = clock.Elapsed.TotalSeconds;
                var now = supervisor.Latest;
                await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{clock.Elapsed.TotalSeconds,6:0} | {sipp.Created,6} {sipp.Current,4} {sipp.Successful,5} {sipp.Failed,4} | {tally.BridgedNow,11} {tally.BridgedMax,3} | "
                    + $"{now?.CallsWaiting,7} {(now is null ? null : now.CallsAbandonedToday - before.CallsAbandonedToday),9} | {tally.Offers,6} {tally.Accepted,8}"))
                    .ConfigureAwait(false);
            }

            await polling.CancelAsync().ConfigureAwait(false);
            await poller.ConfigureAwait(false);
            foreach (var caller in callers.Where(c => !c.HasExited)) caller.Stop();
            foreach (var caller in callers.Where(c => c.ExitCode is not (0 or null)))
            {
                // 1 = some calls failed, anything else = SIPp itself failed; either way its words help.
                await _out.WriteLineAsync($"storm: SIPp severity {caller.Plan.Severity} exited with {caller.ExitCode}:\n{caller.Describe()}").ConfigureAwait(false);
            }

            // Let the core catch up with the last hang-ups before the final counts.
            await Delay(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
            var after = await supervisor.TrySnapshotAsync(CancellationToken.None).ConfigureAwait(false) ?? before;
            var finalSipp = callers.Select(c => c.Statistics()).ToList();
            var total = SippStatistics.Sum(finalSipp);
            var setup = callers.SelectMany(c => c.SetupTimesMs()).ToList();
            double placing = (placingEnded ?? clock.Elapsed.TotalSeconds) - placingStarted;
            var observations = new StormObservations
            {
                CallsCreated = total.Created,
                CallsSucceeded = total.Successful,
                CallsFailed = total.Failed,
                CallsUnfinished = Math.Max(0, total.Created - total.Successful - total.Failed),
                SetupTimesMs = setup,
                TimeToAgentMs = tally.TimeToAgentMs,
                CallsAnswered = tally.CallsAnswered,
                AnsweredWithinServiceLevel = tally.WithinServiceLevel,
                CoreAbandoned = after.CallsAbandonedToday - before.CallsAbandonedToday,
                CoreOffered = after.CallsOfferedToday - before.CallsOfferedToday,
                CoreAnswered = after.CallsAnsweredToday - before.CallsAnsweredToday,
                CoreReturned = after.CallsReturnedToday - before.CallsReturnedToday,
                MaxConcurrentBridged = tally.BridgedMax,
                AgentLegsAnswered = tally.LegsAnswered,
                AgentLegsBusy = tally.LegsBusy,
                AgentLegsNoAnswer = tally.LegsNoAnswer,
                AgentLegsFailed = tally.LegsFailed,
                RtpPacketsSent = tally.RtpSent,
                RtpPacketsReceived = tally.RtpReceived,
                RtpPacketsLost = tally.RtpLost,
                RtpLostReportedByGateway = tally.RtpLostReportedByGateway,
                CallsWithGatewayReport = tally.CallsWithGatewayReport,
                PlacingSeconds = placing,
                TotalSeconds = clock.Elapsed.TotalSeconds,
            };
            return StormReport.Build(_profile, startedAt, observations);
        }
        finally
        {
            foreach (var caller in callers) await caller.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The storm's bound or Ctrl+C: the loop sees it.
        }
    }

    private async Task<Supervisor> SupervisorAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        var login = await new AuthService.AuthServiceClient(channel).LoginAsync(
            new LoginRequest { UserName = _profile.SupervisorUser, Password = _profile.SupervisorPassword },
            deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Supervisor(new SupervisorService.SupervisorServiceClient(channel), new Metadata { { "authorization", "Bearer " + login.AccessToken } });
    }

    /// <summary>The core's live counters (SupervisorService), read with a short deadline so a busy core does not stall the progress line.</summary>
    private sealed class Supervisor(SupervisorService.SupervisorServiceClient client, Metadata headers)
    {
        private StatisticsSnapshot? _latest;

        /// <summary>The newest snapshot <see cref="PollAsync"/> got, if any.</summary>
        public StatisticsSnapshot? Latest => Volatile.Read(ref _latest);

        public async Task PollAsync(TimeSpan interval, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var snapshot = await TrySnapshotAsync(cancellationToken).ConfigureAwait(false);
                if (snapshot is not null) Volatile.Write(ref _latest, snapshot);
                await Delay(interval, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<StatisticsSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
            await client.GetSnapshotAsync(new GetSnapshotRequest(), headers, DateTime.UtcNow.AddSeconds(30), cancellationToken).ConfigureAwait(false);

        public async Task<StatisticsSnapshot?> TrySnapshotAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await client.GetSnapshotAsync(new GetSnapshotRequest(), headers, DateTime.UtcNow.AddSeconds(5), cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }
}
