using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;

namespace CallRouter.Escalation;

/// <summary>The answer to "how does my escalation stand?": the record, the paging side's own status when there is a page out, and a one-line summary.</summary>
public sealed record EscalationStatus(EscalationRecord Escalation, PageStatus? Page, string Summary, TimeSpan? TimeLeft);
