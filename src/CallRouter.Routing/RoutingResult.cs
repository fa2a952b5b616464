namespace CallRouter.Routing;

/// <summary>
/// Outcome of an engine operation: success, or a typed error with a human-readable message.
/// A struct so that the successful hot path allocates nothing.
/// </summary>
public readonly record struct RoutingResult
{
    private RoutingResult(RoutingError error, string? message)
    {
        Error = error;
        Message = message;
    }

    /// <summary>The successful result.</summary>
    public static RoutingResult Ok => default;

    /// <summary>The error, or <see cref="RoutingError.None"/> on success.</summary>
    public RoutingError Error { get; }

    /// <summary>A message fit for an API client; null on success.</summary>
    public string? Message { get; }

    /// <summary>True when the operation was applied.</summary>
    public bool IsSuccess => Error == RoutingError.None;

    /// <summary>How a service should report the error.</summary>
    public RoutingErrorCategory Category => Error switch
    {
        RoutingError.None => RoutingErrorCategory.None,
        RoutingError.UnknownCall or RoutingError.UnknownAgent => RoutingErrorCategory.NotFound,
        RoutingError.IneligibleModel or RoutingError.DuplicateCallId or RoutingError.DuplicateAgent
            or RoutingError.InvalidAgentState or RoutingError.NoSuchOffer or RoutingError.InvalidCallState
            => RoutingErrorCategory.FailedPrecondition,
        _ => RoutingErrorCategory.InvalidArgument,
    };

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The reason; must not be <see cref="RoutingError.None"/>.</param>
    /// <param name="message">A message fit for an API client.</param>
    public static RoutingResult Fail(RoutingError error, string message)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(error, RoutingError.None);
        return new RoutingResult(error, message);
    }

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? "Ok" : $"{Error}: {Message}";
}
