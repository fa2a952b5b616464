using System.Data.Common;
using System.Threading.Channels;

namespace CallRouter.Cases.Storage;

/// <summary>
/// Group commit for SQLite. SQLite has one writer at a time and, with synchronous=FULL, one
/// fsync per transaction; one transaction per case event caps throughput at the disk's fsync
/// rate. Here a single writer drains whatever changes are queued, applies each inside its own
/// SAVEPOINT (so one rejected change does not take the others down) and commits them with one
/// fsync. A caller's task completes only after the COMMIT containing its change has returned,
/// so "acknowledged" still means "durable".
/// </summary>
internal sealed class SqliteGroupCommitter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly Func<DbConnection, DbTransaction, CaseChange, CancellationToken, Task> _apply;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteGroupCommitter(
        Func<CancellationToken, ValueTask<DbConnection>> open,
        Func<DbConnection, DbTransaction, CaseChange, CancellationToken, Task> apply)
    {
        _open = open;
        _apply = apply;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Queues a change and waits for its commit. Cancelling abandons the wait, not the write:
    /// a queued change may still be committed.
    /// </summary>
    public Task CommitAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var pending = new Pending(change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteCaseStore));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        DbConnection? connection = null;
        var batch = new List<Pending>(MaxBatch);
        var outcomes = new Exception?[MaxBatch];
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    connection ??= await _open(CancellationToken.None).ConfigureAwait(false);
                    await using (var tx = await connection.BeginTransactionAsync().ConfigureAwait(false))
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            outcomes[i] = await ApplyOneAsync(connection, tx, batch[i].Change).ConfigureAwait(false);
                        }

                        await tx.CommitAsync().ConfigureAwait(false);
                    }

                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (outcomes[i] is { } failure)
                        {
                            batch[i].Done.TrySetException(failure);
                        }
                        else
                        {
                            batch[i].Done.TrySetResult();
                        }
                    }
                }
                catch (Exception ex)
                {
                    // The transaction as a whole failed (disk full, database locked too long, a
                    // bug): nothing of this batch was committed. Report that to every caller and
                    // start the next batch on a fresh connection; the loop itself must never die,
                    // or every later commit would wait forever.
                    foreach (var pending in batch)
                    {
                        pending.Done.TrySetException(ex);
                    }

                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<Exception?> ApplyOneAsync(DbConnection connection, DbTransaction tx, CaseChange change)
    {
        await AdoSql(connection, tx, "SAVEPOINT change").ConfigureAwait(false);
        try
        {
            await _apply(connection, tx, change, CancellationToken.None).ConfigureAwait(false);
            await AdoSql(connection, tx, "RELEASE change").ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Undo just this change; the rest of the batch still commits. If even the rollback
            // fails, that exception fails the whole batch in the loop above.
            await AdoSql(connection, tx, "ROLLBACK TO change; RELEASE change").ConfigureAwait(false);
            return ex;
        }
    }

    private static async Task AdoSql(DbConnection connection, DbTransaction tx, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(CaseChange Change, TaskCompletionSource Done);
}
