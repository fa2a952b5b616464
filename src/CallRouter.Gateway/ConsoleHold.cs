namespace CallRouter.Gateway;

/// <summary>
/// Hold or resume asked for from the agent's console (the core's <c>AgentHold</c> event): the agent's leg is
/// re-INVITEd sendonly (or back to sendrecv), and only once the agent's phone agrees does the caller get music on
/// hold (or the bridge back). Shares <see cref="AgentHoldMusic"/> with the softphone's own hold, so a resume from
/// the console also ends a hold the softphone started. Called from the call flow's one reader, so it needs no locks.
/// </summary>
public sealed class ConsoleHold
{
    private readonly AgentHoldMusic _music;
    private readonly Func<bool, Task<bool>> _reInviteAgent;

    /// <param name="reInviteAgent">Re-offers the agent's leg on hold (true) or resumed (false); false when the phone refused.</param>
    public ConsoleHold(AgentHoldMusic music, Func<bool, Task<bool>> reInviteAgent)
    {
        _music = music;
        _reInviteAgent = reInviteAgent;
    }

    /// <summary>Applies the console's request; returns false when the agent's phone refused it (nothing changed then).</summary>
    public async Task<bool> ApplyAsync(bool held)
    {
        if (held == _music.IsHeld) return true;
        if (!await _reInviteAgent(held).ConfigureAwait(false)) return false;
        await _music.SetAsync(held).ConfigureAwait(false);
        return true;
    }
}
