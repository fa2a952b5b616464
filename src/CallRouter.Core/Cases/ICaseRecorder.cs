namespace CallRouter.Core.Cases;

/// <summary>
/// Where the routing core hands call endings and wrap-ups for their cases. Called under the
/// routing lock, so implementations only enqueue; the returned task completes once the case
/// change is committed (or faults with the reason it was refused).
/// </summary>
public interface ICaseRecorder
{
    Task CallEnded(CallOutcome outcome);

    Task WrappedUp(WrapUpOutcome outcome);
}
