using Grpc.Core;

namespace CallRouter.Testing;

/// <summary>Reading a gRPC server stream in tests: wait for the message that matters, bounded.</summary>
internal static class StreamReading
{
    /// <summary>Reads messages until one matches, failing after <paramref name="seconds"/> with what was skipped.</summary>
    public static async Task<T> ReadUntilAsync<T>(this IAsyncStreamReader<T> stream, Func<T, bool> match, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var seen = new List<T>();
        try
        {
            while (await stream.MoveNext(timeout.Token))
            {
                if (match(stream.Current))
                {
                    return stream.Current;
                }

                seen.Add(stream.Current);
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
        }

        throw new TimeoutException($"no matching message within {seconds} s; saw: {string.Join(" | ", seen)}");
    }
}
