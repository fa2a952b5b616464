using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using Google.Protobuf.WellKnownTypes;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Escalations;

/// <summary>Escalation domain → gRPC contract.</summary>
internal static class EscalationProtoMapping
{
    public static Proto.Escalation ToProto(this EscalationRecord e, IEnumerable<EscalationEvent>? history = null)
    {
        var message = new Proto.Escalation
        {
            Id = e.Id,
            ProblemNumber = e.ProblemNumber,
            Path = e.Path switch
            {
                ContactPath.ManufacturerPhone => "MANUFACTURER_PHONE",
                ContactPath.Ptas => "PTAS",
                _ => "ON_CALL_PAGER",
            },
            State = e.State.ToString(),
            ContactIndex = e.ContactIndex,
            StartedAt = Timestamp.FromDateTimeOffset(e.StartedAt),
            FirstContactAt = Ts(e.FirstContactAt),
            ResponseDueAt = Ts(e.ResponseDueAt),
            RespondedAt = Ts(e.RespondedAt),
            Responder = e.Responder ?? "",
            ClosureDeferred = e.ClosureDeferred,
        };
        message.Contacts.AddRange(e.Contacts.Select(c => new Proto.EscalationContact
        {
            Name = c.Name, Channel = c.Channel.ToString().ToUpperInvariant(), Address = c.Address,
        }));
        message.History.AddRange((history ?? []).Select(h => new Proto.EscalationHistoryLine
        {
            Id = h.Id, At = Timestamp.FromDateTimeOffset(h.At), Kind = h.Kind.ToString(), Contact = h.Contact ?? "", Detail = h.Detail,
            ResponseTime = h.ResponseTime is { } t ? Duration.FromTimeSpan(t) : null,
        }));
        return message;
    }

    private static Timestamp? Ts(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
