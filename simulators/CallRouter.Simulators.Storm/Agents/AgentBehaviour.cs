using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Agents;

/// <summary>How every simulated agent behaves, taken from the profile.</summary>
internal sealed record AgentBehaviour(TimeSpan Think, TimeSpan Talk, TimeSpan WrapUp, double NoAnswerShare, double BusyShare, TimeSpan ServiceLevel)
{
    public static AgentBehaviour From(StormProfile profile) => new(
        TimeSpan.FromSeconds(profile.ThinkSeconds),
        TimeSpan.FromSeconds(profile.TalkSeconds),
        TimeSpan.FromSeconds(profile.WrapUpSeconds),
        profile.NoAnswerShare,
        profile.BusyShare,
        TimeSpan.FromSeconds(profile.ServiceLevelSeconds));
}
