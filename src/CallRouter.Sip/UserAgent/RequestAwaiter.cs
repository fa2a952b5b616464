using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// Turns a non-INVITE client transaction into a task of its final response. A time-out completes it with
/// a local 408 and a transport failure with a local 503, as RFC 3261 §8.1.3.1 says the UAC treats them.
/// </summary>
internal sealed class RequestAwaiter : IClientTransactionUser
{
    private readonly TaskCompletionSource<SipMessage> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SipMessage> Final => _final.Task;

    public void OnResponse(ClientTransaction transaction, SipMessage response)
    {
        if (response.StatusCode >= 200) _final.TrySetResult(response);
    }

    public void OnFailure(ClientTransaction transaction, TransactionFailure failure) =>
        _final.TrySetResult(SipResponses.Create(transaction.Request, failure == TransactionFailure.Timeout ? 408 : 503).Build());
}
