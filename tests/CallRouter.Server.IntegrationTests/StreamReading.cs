using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

internal static class StreamReading
{
    /// <summary>Reads messages until one matches, failing after <paramref name="seconds"/>; what was skipped is returned too.</summary>
    public static async Task<T> ReadUntilAsync<T>(this IAsyncStreamReader<T> stream, Func<T, bool> match, int seconds = 15)
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
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no matching message within {seconds} s; saw: {string.Join(" | ", seen)}");
    }
}
