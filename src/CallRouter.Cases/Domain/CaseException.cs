namespace CallRouter.Cases.Domain;

/// <summary>Every rejection the case domain makes; nothing is changed when one is thrown.</summary>
public sealed class CaseException : Exception
{
    public CaseException(CaseErrorCode code, string message)
        : base(message) => Code = code;

    public CaseException(CaseErrorCode code, string message, Exception inner)
        : base(message, inner) => Code = code;

    public CaseErrorCode Code { get; }
}
