namespace CallRouter.Cases.Domain;

/// <summary>Kinds of note; Mfr TS may only write Status and CorrectiveAction (A5 2.0 Mfr 2c).</summary>
public enum NoteKind
{
    General,
    CallLog,
    EndUserUpdate,
    Status,
    CorrectiveAction,
    HandBack,
}
