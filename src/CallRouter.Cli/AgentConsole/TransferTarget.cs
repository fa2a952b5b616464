namespace CallRouter.Cli.AgentConsole;

/// <summary>Where 'transfer' sends the caller.</summary>
internal enum TransferTarget
{
    Level2,
    Manufacturer,
}
