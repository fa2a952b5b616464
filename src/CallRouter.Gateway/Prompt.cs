namespace CallRouter.Gateway;

/// <summary>
/// Something the caller hears, by meaning rather than by audio: the call flow decides what to say and the
/// caller's channel turns it into audio (so the flow can be tested without media).
/// </summary>
/// <param name="Id">A prompt id of the shipped set (<c>PromptIds</c>) or one of the composed kinds below.</param>
public sealed record Prompt(string Id, string Digits = "", int Number = 0, TimeSpan Wait = default)
{
    public const string ProblemNumberReadBackId = "composed:problem-number";
    public const string SeverityConfirmationId = "composed:severity-confirmation";
    public const string QueueAnnouncementId = "composed:queue-announcement";

    public static Prompt Of(string id) => new(id);

    /// <summary>"Your problem number is 1 2 3 4 5 6 7 8", read digit by digit (A5 5.0).</summary>
    public static Prompt ProblemNumberReadBack(string problemNumber) => new(ProblemNumberReadBackId, Digits: problemNumber);

    /// <summary>"You chose severity N: 1 to confirm, 2 to choose again".</summary>
    public static Prompt SeverityConfirmation(int severity) => new(SeverityConfirmationId, Number: severity);

    /// <summary>"You are caller number N; expected wait about M minutes".</summary>
    public static Prompt QueueAnnouncement(int position, TimeSpan expectedWait) => new(QueueAnnouncementId, Number: position, Wait: expectedWait);
}
