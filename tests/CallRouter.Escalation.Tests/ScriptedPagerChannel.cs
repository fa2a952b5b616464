using System.Collections.Concurrent;
using System.Globalization;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;

namespace CallRouter.Escalation.Tests;

/// <summary>A pager channel whose failures and status answers the test scripts.</summary>
internal sealed class ScriptedPagerChannel : IPagerChannel
{
    private readonly ConcurrentDictionary<string, PageStatus> _statuses = new();
    private int _nextTag = 1000;

    public List<PageRequest> Sent { get; } = [];

    public List<PageRequest> Attempts { get; } = [];

    /// <summary>Failures thrown by the next SEND attempts, in order.</summary>
    public Queue<ContactChannelException> SendFailures { get; } = new();

    /// <summary>Pager ids every attempt to which fails (the paging side is down for them).</summary>
    public HashSet<string> FailingPagers { get; } = [];

    public Task<PageReceipt> SendPageAsync(PageRequest request, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Attempts.Add(request);
            if (FailingPagers.Contains(request.PagerId))
            {
                throw new ContactChannelException("snpp", "SEND refused: 554 Error, failed (technical reason)", 554);
            }

            if (SendFailures.TryDequeue(out var failure))
            {
                throw failure;
            }

            Sent.Add(request);
            var tag = (++_nextTag).ToString(CultureInfo.InvariantCulture);
            return Task.FromResult(new PageReceipt(tag, "pass" + tag));
        }
    }

    public Task<PageStatus> QueryStatusAsync(PageReceipt receipt, CancellationToken cancellationToken) =>
        Task.FromResult(_statuses.TryGetValue(receipt.MessageTag, out var status) ? status : new PageStatus(PageState.Delivered, null, "860 delivered"));

    /// <summary>Sets what the paging side says about the n-th page sent (0-based).</summary>
    public void SetStatus(int pageIndex, PageState state, string? responder = null) =>
        _statuses[(1001 + pageIndex).ToString(CultureInfo.InvariantCulture)] = new PageStatus(state, responder, $"{state} (scripted)");
}
