namespace CallRouter.Escalation.Domain;

/// <summary>A refused escalation request, with a reason the caller can act on.</summary>
public sealed class EscalationException : Exception
{
    public EscalationException(EscalationErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public EscalationErrorCode Code { get; }
}
