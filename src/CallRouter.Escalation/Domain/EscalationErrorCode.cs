namespace CallRouter.Escalation.Domain;

/// <summary>Closed list of reasons an escalation request is refused; the gRPC edge maps them to status codes.</summary>
public enum EscalationErrorCode
{
    InvalidArgument,
    UnknownCase,
    UnknownEscalation,
    AlreadyEscalated,
    InvalidState,
    Conflict,
}
