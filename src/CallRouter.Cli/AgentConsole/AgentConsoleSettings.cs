using CallRouter.Contracts.V1;

namespace CallRouter.Cli.AgentConsole;

/// <summary>What the command line chose for the console: take offers on its own, and with which wrap-up disposition.</summary>
internal sealed record AgentConsoleSettings(bool AutoAccept, Disposition Disposition);
