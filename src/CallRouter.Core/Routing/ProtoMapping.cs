using CallRouter.Routing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <summary>Enum and shape conversions between the routing domain and the wire contracts.</summary>
internal static class ProtoMapping
{
    public static Proto.MachineModel ToProto(this MachineModel model) => model switch
    {
        MachineModel.Ns5 => Proto.MachineModel.Ns5,
        MachineModel.NsRemote => Proto.MachineModel.NsRemote,
        MachineModel.Ns10 => Proto.MachineModel.Ns10,
        MachineModel.Ns100 => Proto.MachineModel.Ns100,
        _ => Proto.MachineModel.Unspecified,
    };

    public static MachineModel ToDomain(this Proto.MachineModel model) => model switch
    {
        Proto.MachineModel.Ns5 => MachineModel.Ns5,
        Proto.MachineModel.NsRemote => MachineModel.NsRemote,
        Proto.MachineModel.Ns10 => MachineModel.Ns10,
        Proto.MachineModel.Ns100 => MachineModel.Ns100,
        _ => MachineModel.Unspecified,
    };

    public static Proto.SupportLevel ToProto(this AgentLevel level) => level switch
    {
        AgentLevel.L1 => Proto.SupportLevel.L1,
        AgentLevel.L2 => Proto.SupportLevel.L2,
        _ => Proto.SupportLevel.Unspecified,
    };

    public static AgentLevel ToDomain(this Proto.SupportLevel level) => level switch
    {
        Proto.SupportLevel.L1 => AgentLevel.L1,
        Proto.SupportLevel.L2 => AgentLevel.L2,
        _ => AgentLevel.Unspecified,
    };

    public static Proto.AgentState ToProto(this AgentState state) => state switch
    {
        AgentState.Offline => Proto.AgentState.Offline,
        AgentState.Available => Proto.AgentState.Available,
        AgentState.NotReady => Proto.AgentState.NotReady,
        AgentState.Reserved => Proto.AgentState.Reserved,
        AgentState.OnCall => Proto.AgentState.OnCall,
        AgentState.WrapUp => Proto.AgentState.WrapUp,
        _ => Proto.AgentState.Unspecified,
    };

    public static Proto.QueueKey QueueKey(MachineModel model, int severity, AgentLevel level) => new()
    {
        MachineModel = model.ToProto(),
        Severity = severity,
        Level = level.ToProto(),
    };

    public static Proto.AgentProfile ToProfile(string agentId, string displayName, AgentSkills skills)
    {
        var profile = new Proto.AgentProfile { AgentId = agentId, DisplayName = displayName, Level = skills.Level.ToProto() };
        profile.Models.AddRange(skills.Models.Order().Select(m => m.ToProto()));
        return profile;
    }
}
