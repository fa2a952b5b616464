namespace CallRouter.Escalation.Notices;

/// <summary>Outcome of <see cref="PtasNoticeAccess.Check"/>.</summary>
public enum PtasNoticeAccessResult
{
    Allowed,
    PeerNotAllowed,
    BadToken,
}
