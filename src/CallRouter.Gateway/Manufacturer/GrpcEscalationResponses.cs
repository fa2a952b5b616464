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
    private readonly AuthService.AuthServiceClient _auth;
    private readonly EscalationService.EscalationServiceClient _escalations;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _token;

    public GrpcEscalationResponses(GatewayOptions options, TimeProvider time, ILogger<GrpcEscalationResponses> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _channel = GrpcChannel.ForAddress(options.CoreAddress);
        _auth = new AuthService.AuthServiceClient(_channel);
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
                recorded = await send(await HeadersAsync(refresh: false, linked.Token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                recorded = await send(await HeadersAsync(refresh: true, linked.Token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
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
        _loginGate.Dispose();
    }

    private async Task<Metadata> HeadersAsync(bool refresh, CancellationToken cancellationToken)
    {
        string? token = Volatile.Read(ref _token);
        if (token is null || refresh)
        {
            await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_token is null || refresh)
                {
                    var login = await _auth.LoginAsync(new LoginRequest { UserName = _options.ServiceAccount, Password = _options.ServiceAccountPassword },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _token, login.AccessToken);
                    ManufacturerPhoneLog.LoggedIn(_logger, _options.ServiceAccount, _options.CoreAddress);
                }

                token = _token!;
            }
            finally
            {
                _loginGate.Release();
            }
        }

        return new Metadata { { "authorization", "Bearer " + token } };
    }
}
