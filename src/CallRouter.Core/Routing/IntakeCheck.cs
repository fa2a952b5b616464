using CallRouter.Routing;

namespace CallRouter.Core.Routing;

/// <summary>The routing core's verdict on a call's context before its case is looked at.</summary>
public readonly record struct IntakeCheck(MachineModel Model, AgentLevel Level, bool Eligible);
