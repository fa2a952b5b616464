using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Helpers for tests that push calls through the server and look at their cases.</summary>
internal static class CaseCalls
{
    public static Task<RegisterCallResponse> RegisterAsync(this RoutingService.RoutingServiceClient gateway, string callId, string model = "NS100",
        string account = "ACME-001", string problemNumber = "", bool fromManufacturer = false, int severity = 2) =>
        gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext
            {
                CallId = callId, MachineModel = model, Severity = severity, CustomerAccount = account, SerialNumber = "SN-" + callId,
                CallbackNumber = "+15550100", ProblemNumber = problemNumber, FromManufacturer = fromManufacturer,
            },
        }, deadline: ServerFixture.Deadline()).ResponseAsync;

    /// <summary>Reads the case until it satisfies <paramref name="condition"/> (work after a stream command is asynchronous).</summary>
    public static async Task<CaseDetail> WaitForCaseAsync(this CaseService.CaseServiceClient cases, string problemNumber, Func<CaseDetail, bool> condition, int seconds = 15)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        CaseDetail detail;
        do
        {
            detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = problemNumber }, deadline: ServerFixture.Deadline());
            if (condition(detail))
            {
                return detail;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < until);

        throw new TimeoutException($"case {problemNumber} did not reach the expected state within {seconds} s: {detail}");
    }

    public static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return error.StatusCode;
    }
}
