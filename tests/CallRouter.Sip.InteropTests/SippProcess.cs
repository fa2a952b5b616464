using System.Diagnostics;

namespace CallRouter.Sip.InteropTests;

/// <summary>One SIPp process started by a test; disposal kills it (by its own handle) if still alive.</summary>
internal sealed class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public SippProcess(Process process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public async Task<SippRun> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"sipp did not finish within {limit.TotalSeconds} s and was killed.\n{await OutputAsync()}");
        }

        return new SippRun(_process.ExitCode, await _stdout, await _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A log file still being flushed; the temp folder is cleaned by the OS eventually.
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task<string> OutputAsync()
    {
        await Task.WhenAny(Task.WhenAll(_stdout, _stderr), Task.Delay(TimeSpan.FromSeconds(5)));
        return _stdout.IsCompleted ? _stdout.Result[Math.Max(0, _stdout.Result.Length - 3000)..] : string.Empty;
    }
}
