using System.Text.Json.Serialization;
using CallRouter.Escalation.Calendar;

namespace CallRouter.Escalation.Domain;

/// <summary>
/// The state of one escalation of a case to Mfr TS. Immutable: <see cref="EscalationMachine"/>
/// returns a new value for every input, and the store keeps it with an optimistic version.
/// </summary>
public sealed record EscalationRecord
{
    public required string Id { get; init; }

    public required string ProblemNumber { get; init; }

    public required ContactPath Path { get; init; }

    public required EscalationState State { get; init; }

    /// <summary>The chain fixed when the escalation started: first the path's contact, then the on-call chain.</summary>
    public required IReadOnlyList<EscalationContact> Contacts { get; init; }

    public int ContactIndex { get; init; }

    public required string DeskContactName { get; init; }

    public required string DeskCallbackNumber { get; init; }

    public required string Summary { get; init; }

    /// <summary>15 minutes for the phone path, 30 outside business hours; also given to each next contact.</summary>
    public required TimeSpan ResponseWindow { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CurrentContactRequestedAt { get; init; }

    public DateTimeOffset? CurrentContactDeliveredAt { get; init; }

    /// <summary>When the PTAS, pager or Mfr TS phone was first reached: the response clock starts here (SOW-A 6.1 item 3).</summary>
    public DateTimeOffset? FirstContactAt { get; init; }

    public DateTimeOffset? ResponseDueAt { get; init; }

    public PageReceipt? CurrentReceipt { get; init; }

    /// <summary>The Mfr TS call placed for the current contact whose outcome the gateway has not reported yet.</summary>
    public PhoneCallAttempt? CurrentCall { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    public string? Responder { get; init; }

    public bool ClosureDeferred { get; init; }

    public long Version { get; init; }

    [JsonIgnore]
    public EscalationContact CurrentContact => Contacts[ContactIndex];

    [JsonIgnore]
    public bool IsOver => State is EscalationState.HandedBack or EscalationState.Cancelled;
}
