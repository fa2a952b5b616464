using CallRouter.Routing;

namespace CallRouter.Core.Persistence;

/// <summary>An administered agent as persisted: profile, skills and console password hash.</summary>
public sealed record StoredAgent(string AgentId, string DisplayName, AgentSkills Skills, string PasswordHash);
