namespace CallRouter.Cases.Domain;

/// <summary>
/// A notification to the manufacturer, written in the same transaction as the change that
/// caused it so it cannot be lost; a delivery worker (later) sends it and marks it delivered.
/// </summary>
public sealed record OutboxMessage(
    long Id,
    string Kind,
    string Manufacturer,
    ProblemNumber? ProblemNumber,
    string PayloadJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);
