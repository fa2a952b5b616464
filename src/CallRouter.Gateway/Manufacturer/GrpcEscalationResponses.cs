using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// <c>EscalationService.RecordResponse</c> and <c>ReportCallOutcome</c> over gRPC with the gateway's
/// service account (the server lets the gateway role call only those two methods). The token is fetched on first use and again once
/// when the core answers UNAUTHENTICATED.
/// </summary>
public sealed class GrpcEscalationResponses : IEscalationResponses, IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly GrpcChannel _channel;
    private readonly CoreServiceLogin _login;
    private readonly EscalationService.EscalationServiceClient _escalations;
    private readonly TimeProvider _time;

    public GrpcEscalationResponses(GatewayOptions options, TimeProvider time, ILogger<GrpcEscalationResponses> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _channel = GrpcChannel.ForAddress(options.CoreAddress);
        _login = new CoreServiceLogin(_channel, options, () => ManufacturerPhoneLog.LoggedIn(logger, options.ServiceAccount, options.CoreAddress));
        _escalations = new EscalationService.EscalationServiceClient(_channel);
    }

    public Task<ResponseRecording> RecordResponseAsync(string escalationId, string responder, string via, CancellationToken cancellationToken)
    {
        var request = new RecordEscalationResponseRequest { EscalationId = escalationId, Responder = responder, Via = via };
        return CallAsync((headers, token) => _escalations.RecordResponseAsync(request, headers, cancellationToken: token).ResponseAsync, cancellationToken);
    }

    public Task<ResponseRecording> ReportCallOutcomeAsync(CallOutcomeReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var request = new ReportCallOutcomeRequest
        {
            EscalationId = report.EscalationId, CallToken = report.Token, CallReference = report.CallReference,
            Answered = report.Answered, Reason = report.Reason ?? "",
        };
        return CallAsync((headers, token) => _escalations.ReportCallOutcomeAsync(request, headers, cancellationToken: token).ResponseAsync, cancellationToken);
    }

    private async Task<ResponseRecording> CallAsync(Func<Metadata, CancellationToken, Task<Contracts.V1.Escalation>> send, CancellationToken cancellationToken)
    {
        // Each attempt is bounded: a core that accepts the connection and never answers is "try again", not a hang.
        using var bounded = new CancellationTokenSource(CallTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bounded.Token);
        try
        {
            Contracts.V1.Escalation recorded;
            try
            {
                recorded = await send(await _login.HeadersAsync(refresh: false, linked.Token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                recorded = await send(await _login.HeadersAsync(refresh: true, linked.Token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
            }

            return ResponseRecording.Done($"{recorded.State}, responder {recorded.Responder}");
        }
        catch (Exception e) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                  && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded })
        {
            return ResponseRecording.TryAgain($"no answer from the core within {CallTimeout.TotalSeconds:0} s");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted
                                         or StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted)
        {
            return ResponseRecording.TryAgain($"{e.StatusCode}: {e.Status.Detail}");
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            // NotFound, FailedPrecondition (already answered, cancelled), PermissionDenied: trying again changes nothing.
            return ResponseRecording.Refused($"{e.StatusCode}: {e.Status.Detail}");
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _login.Dispose();
    }
}
