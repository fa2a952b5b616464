using CallRouter.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway;

/// <summary>
/// Delivers a call's reports to the routing core. A report the core never gets is a call whose end, wait
/// and talk time are missing from its case (or, for a failed agent leg, a caller never offered again), so a
/// transient failure — the core busy past the attempt's time-out, its connection reset, a restart — is
/// retried with growing pauses, about a minute and a half in all. An answer from the core that is not
/// transient (the call is already gone, the event is invalid) ends the attempts: a retry after a lost reply
/// meets the call already ended, which is the outcome we wanted.
/// </summary>
public sealed class CallReportSender(IRoutingClient routing, TimeProvider time, ILogger logger)
{
    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The pauses before the second, third… attempt.</summary>
    public static readonly IReadOnlyList<TimeSpan> Pauses =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    /// <summary>Sends <paramref name="report"/>; true once the core has taken it, false when it was given up (and logged).</summary>
    public async Task<bool> SendAsync(CallEventRequest report)
    {
        ArgumentNullException.ThrowIfNull(report);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var limit = new CancellationTokenSource(AttemptTimeout, time);
                await routing.ReportAsync(report, limit.Token).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (IsTransient(e) && attempt < Pauses.Count)
            {
                GatewayLog.ReportRetrying(logger, report.CallId, report.EventCase.ToString(), attempt + 1, Pauses[attempt], e.Message);
                await Task.Delay(Pauses[attempt], time).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException or HttpRequestException)
            {
                GatewayLog.ReportFailed(logger, report.CallId, report.EventCase.ToString(), e);
                return false;
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
            or StatusCode.ResourceExhausted or StatusCode.Internal or StatusCode.Unknown,
        OperationCanceledException or HttpRequestException => true, // our own attempt time-out, or no connection
        _ => false,
    };
}
