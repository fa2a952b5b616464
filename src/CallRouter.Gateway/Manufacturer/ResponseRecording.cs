namespace CallRouter.Gateway.Manufacturer;

/// <summary>What the core said to a recorded acknowledgment.</summary>
/// <param name="Recorded">The escalation now shows the response.</param>
/// <param name="Retryable">Not recorded, but worth trying again (core unreachable, time-out).</param>
/// <param name="Detail">The core's words, for the log.</param>
public sealed record ResponseRecording(bool Recorded, bool Retryable, string Detail)
{
    public static ResponseRecording Done(string detail) => new(true, false, detail);

    public static ResponseRecording TryAgain(string detail) => new(false, true, detail);

    public static ResponseRecording Refused(string detail) => new(false, false, detail);
}
