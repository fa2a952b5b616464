using CallRouter.Core.Cases;

namespace CallRouter.Core.Tests;

public sealed class OrderedWorkTests
{
    [Fact]
    public async Task Enqueue_SameKey_RunsInOrderEvenWhenTheFirstIsSlower()
    {
        var work = new OrderedWork();
        var order = new List<string>();
        var releaseFirst = new TaskCompletionSource();

        Task first = work.Enqueue("call-1", async () => { await releaseFirst.Task; lock (order) { order.Add("ended"); } });
        Task second = work.Enqueue("call-1", () => { lock (order) { order.Add("wrapped up"); } return Task.CompletedTask; });
        releaseFirst.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["ended", "wrapped up"], order);
    }

    [Fact]
    public async Task Enqueue_AfterAFailedItem_StillRunsAndReportsTheFailureOnlyToItsOwnCaller()
    {
        var work = new OrderedWork();

        Task failing = work.Enqueue("call-1", () => Task.FromException(new InvalidOperationException("store down")));
        Task next = work.Enqueue("call-1", () => Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Enqueue_DifferentKeys_DoNotWaitForEachOther()
    {
        var work = new OrderedWork();
        var blocked = new TaskCompletionSource();

        Task slow = work.Enqueue("call-1", () => blocked.Task);
        Task other = work.Enqueue("call-2", () => Task.CompletedTask);
        await other.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(slow.IsCompleted);
        blocked.SetResult();
        await slow.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
