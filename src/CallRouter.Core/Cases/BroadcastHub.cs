using System.Threading.Channels;

namespace CallRouter.Core.Cases;

/// <summary>
/// Fans messages out to every watcher of a server stream (supervisor reminders, escalation
/// notices). Each watcher has a bounded channel; a slow one loses its oldest messages.
/// </summary>
public sealed class BroadcastHub<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _watchers = [];

    public Channel<T> Subscribe()
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<T> channel)
    {
        lock (_gate)
        {
            _watchers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    public void Publish(T message)
    {
        lock (_gate)
        {
            foreach (Channel<T> watcher in _watchers)
            {
                watcher.Writer.TryWrite(message);
            }
        }
    }
}
