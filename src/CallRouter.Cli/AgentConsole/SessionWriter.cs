using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Cli.AgentConsole;

/// <summary>
/// The only writer of the session's request stream: typed commands and auto-accept both send, and a gRPC
/// stream takes one write at a time.
/// </summary>
internal sealed class SessionWriter(IClientStreamWriter<AgentCommand> stream) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task SendAsync(AgentCommand command, CancellationToken cancel)
    {
        await _turn.WaitAsync(cancel);
        try
        {
            Closing |= command.CommandCase == AgentCommand.CommandOneofCase.Logout;
            await stream.WriteAsync(command, cancel);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>True once a logout was sent or the request stream closed: later sends may find the call over.</summary>
    public bool Closing { get; private set; }

    /// <summary>Tells the server no more commands follow (after a logout).</summary>
    public async Task CompleteAsync(CancellationToken cancel)
    {
        await _turn.WaitAsync(cancel);
        try
        {
            Closing = true;
            await stream.CompleteAsync();
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
