using System.Collections.Concurrent;
using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Ports;

/// <summary>
/// A case gateway held in memory: for tests and for running escalation before the case service
/// is wired in. Dedupes events by id, as a real implementation must.
/// </summary>
public sealed class InMemoryEscalationCaseGateway : IEscalationCaseGateway
{
    private readonly ConcurrentDictionary<string, byte> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _deferred = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, EscalationEvent> _events = new();

    public void AddCase(string problemNumber) => _cases[problemNumber] = 0;

    public bool IsClosureDeferred(string problemNumber) => _deferred.ContainsKey(problemNumber);

    /// <summary>Events recorded on a case, in the order they happened.</summary>
    public IReadOnlyList<EscalationEvent> EventsOf(string problemNumber) =>
        [.. _events.Values.Where(e => e.ProblemNumber == problemNumber).OrderBy(e => e.Id)];

    public Task<bool> CaseExistsAsync(string problemNumber, CancellationToken cancellationToken) =>
        Task.FromResult(_cases.ContainsKey(problemNumber));

    public Task MarkClosureDeferredAsync(string problemNumber, string escalationId, string reason, CancellationToken cancellationToken)
    {
        _deferred.TryAdd(problemNumber, reason);
        return Task.CompletedTask;
    }

    public Task RecordEscalationEventAsync(EscalationEvent escalationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalationEvent);
        _events.TryAdd(escalationEvent.Id, escalationEvent);
        return Task.CompletedTask;
    }
}
