using System.Threading.Channels;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>Fans update reminders out to every supervisor watching (bounded per watcher; oldest dropped).</summary>
public sealed class ReminderHub
{
    private readonly Lock _gate = new();
    private readonly List<Channel<Proto.CaseReminder>> _watchers = [];

    public Channel<Proto.CaseReminder> Subscribe()
    {
        var channel = Channel.CreateBounded<Proto.CaseReminder>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<Proto.CaseReminder> channel)
    {
        lock (_gate)
        {
            _watchers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    public void Publish(Proto.CaseReminder reminder)
    {
        lock (_gate)
        {
            foreach (Channel<Proto.CaseReminder> watcher in _watchers)
            {
                watcher.Writer.TryWrite(reminder);
            }
        }
    }
}
