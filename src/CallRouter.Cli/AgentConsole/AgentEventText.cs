using CallRouter.Contracts.V1;

namespace CallRouter.Cli.AgentConsole;

/// <summary>One line of text for each event of the agent's stream.</summary>
internal static class AgentEventText
{
    public static string Describe(AgentEvent e) => $"{e.At.ToDateTimeOffset():HH:mm:ss} " + e.EventCase switch
    {
        AgentEvent.EventOneofCase.Started => $"session started: {e.Started.DisplayName}, {e.Started.Level}, models {string.Join(", ", e.Started.Models)}",
        AgentEvent.EventOneofCase.StateChanged => $"state {e.StateChanged.State} {e.StateChanged.Reason}".TrimEnd(),
        AgentEvent.EventOneofCase.Offer => $"OFFER call {e.Offer.CallId}: {e.Offer.Context.MachineModel} severity {e.Offer.Context.Severity}, account {e.Offer.Context.CustomerAccount}, expires {e.Offer.ExpiresAt.ToDateTimeOffset():HH:mm:ss}",
        AgentEvent.EventOneofCase.OfferWithdrawn => $"offer {e.OfferWithdrawn.CallId} withdrawn: {e.OfferWithdrawn.Reason}",
        AgentEvent.EventOneofCase.CallStarted => $"on call {e.CallStarted.CallId}",
        AgentEvent.EventOneofCase.CallStopped => $"call {e.CallStopped.CallId} ended; wrap-up until {e.CallStopped.WrapUpEndsAt.ToDateTimeOffset():HH:mm:ss}",
        AgentEvent.EventOneofCase.Rejected => $"refused ({e.Rejected.Code}): {e.Rejected.Reason}",
        AgentEvent.EventOneofCase.Reminder => $"reminder {e.Reminder.ProblemNumber}: {e.Reminder.Text}",
        AgentEvent.EventOneofCase.EscalationNotice => $"escalation {e.EscalationNotice.ProblemNumber}: {e.EscalationNotice.Message}",
        _ => e.ToString(),
    };
}
