using CallRouter.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway;

/// <summary>
/// RegisterCall with what the switch and the IVR learned (SPEC R2, R7). A problem number the core refuses
/// (malformed, wrong check digit, no such case, closed) is asked again, up to
/// <see cref="IvrOptions.MaxProblemNumberAttempts"/> numbers in all, then the call is a new problem.
/// </summary>
public sealed class CallRegistration
{
    private readonly IRoutingClient _routing;
    private readonly IvrOptions _options;
    private readonly ILogger _logger;

    public CallRegistration(IRoutingClient routing, IvrOptions options, ILogger logger)
    {
        _routing = routing;
        _options = options;
        _logger = logger;
    }

    /// <returns>The core's answer, or null when the core refused the call for another reason or cannot be reached.</returns>
    public async Task<RegisterCallResponse?> RegisterAsync(string callId, CallerContext context, IvrResult answers, IvrDialogue ivr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(ivr);
        string problemNumber = answers.ProblemNumber;
        for (int attempt = 1; ; attempt++)
        {
            var request = new CallContext
            {
                CallId = callId,
                MachineModel = answers.Model ?? "",
                SerialNumber = context.Serial,
                CustomerAccount = context.Account,
                CallbackNumber = context.Callback,
                Severity = answers.Severity,
                ProblemNumber = problemNumber,
                FromManufacturer = context.FromManufacturer,
                Level = SupportLevel.L1,
            };
            try
            {
                var response = await _routing.RegisterCallAsync(request, cancellationToken).ConfigureAwait(false);
                GatewayLog.Queued(_logger, callId, request.MachineModel, answers.Severity, response.ProblemNumber, response.Position);
                return response;
            }
            catch (RpcException e) when (problemNumber.Length > 0 && e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition)
            {
                GatewayLog.RegisterRefused(_logger, callId, e.StatusCode.ToString(), e.Status.Detail);
                problemNumber = attempt < _options.MaxProblemNumberAttempts
                    ? await ivr.AskProblemNumberAgainAsync(cancellationToken).ConfigureAwait(false)
                    : "";
            }
            catch (RpcException e)
            {
                GatewayLog.RegisterRefused(_logger, callId, e.StatusCode.ToString(), e.Status.Detail);
                return null;
            }
            catch (HttpRequestException e)
            {
                GatewayLog.RegisterRefused(_logger, callId, "Unavailable", e.Message);
                return null;
            }
        }
    }
}
