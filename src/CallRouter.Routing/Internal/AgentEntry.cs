namespace CallRouter.Routing.Internal;

/// <summary>An agent known to the engine, with its list memberships pre-allocated.</summary>
internal sealed class AgentEntry
{
    private readonly AgentNode[] _modelNodes;

    public AgentEntry(string agentId, AgentSkills skills)
    {
        AgentId = agentId;
        _modelNodes = new AgentNode[ModelCount];
        for (var i = 0; i < _modelNodes.Length; i++)
        {
            _modelNodes[i] = new AgentNode(this);
        }

        LevelNode = new AgentNode(this);
        TimerNode = new AgentNode(this);
        SetSkills(skills);
    }

    /// <summary>Number of real machine models (enum values 1..4).</summary>
    public const int ModelCount = 4;

    public string AgentId { get; }

    public AgentSkills Skills { get; private set; } = null!;

    public AgentLevel Level { get; private set; }

    /// <summary>Bit (1 &lt;&lt; model) set for each model skill.</summary>
    public int ModelMask { get; private set; }

    public AgentState State { get; set; }

    public string? Reason { get; set; }

    public long StateSinceTicks { get; set; }

    /// <summary>Increases each time the agent becomes available: "available longest" = smallest.</summary>
    public long AvailableSequence { get; set; }

    public CallEntry? Call { get; set; }

    public int MissedInARow { get; set; }

    /// <summary>Offer expiry while reserved, wrap-up end while in wrap-up.</summary>
    public long DeadlineTicks { get; set; }

    /// <summary>When the last call was accepted: the start of the handle time measured at wrap-up end.</summary>
    public long HandleStartTicks { get; set; }

    /// <summary>Membership in the available list of (level, any model).</summary>
    public AgentNode LevelNode { get; }

    /// <summary>Membership in the pending-offer or wrap-up deadline list.</summary>
    public AgentNode TimerNode { get; }

    public bool IsLoggedIn => State != AgentState.Offline;

    public bool HasModel(MachineModel model) => (ModelMask & (1 << (int)model)) != 0;

    public AgentNode ModelNode(MachineModel model) => _modelNodes[(int)model - 1];

    public void SetSkills(AgentSkills skills)
    {
        Skills = new AgentSkills(skills.Level, skills.Models.Distinct().Order().ToArray());
        Level = skills.Level;
        var mask = 0;
        foreach (var model in skills.Models)
        {
            mask |= 1 << (int)model;
        }

        ModelMask = mask;
    }
}
