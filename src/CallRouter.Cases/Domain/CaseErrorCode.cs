namespace CallRouter.Cases.Domain;

/// <summary>Closed list of domain failures; the gRPC layer maps each to one status code.</summary>
public enum CaseErrorCode
{
    /// <summary>Malformed input (bad problem number, missing agreement, bad dates) → InvalidArgument.</summary>
    InvalidArgument,

    /// <summary>No case with that problem number (or not visible to the caller) → NotFound.</summary>
    NotFound,

    /// <summary>The state machine does not allow the requested change → FailedPrecondition.</summary>
    InvalidTransition,

    /// <summary>The caller's role may not do this → PermissionDenied.</summary>
    PermissionDenied,

    /// <summary>Duplicate call id and similar → AlreadyExists.</summary>
    AlreadyExists,

    /// <summary>Concurrent writers kept colliding after bounded retries → Aborted.</summary>
    Conflict,
}
