namespace CallRouter.Cases.Domain;

public sealed record CaseNote(
    ProblemNumber ProblemNumber,
    NoteKind Kind,
    string Text,
    string Author,
    Role AuthorRole,
    DateTimeOffset At);
