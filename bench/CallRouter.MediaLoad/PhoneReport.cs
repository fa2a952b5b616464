namespace CallRouter.MediaLoad;

/// <summary>What the phone process measured, sent back to the gateway side as one JSON line.</summary>
internal sealed record PhoneReport(
    long Sent,
    long Received,
    double P50Microseconds,
    double P99Microseconds,
    double P999Microseconds,
    double MaxMicroseconds,
    double CpuSeconds,
    double WallSeconds,
    long SendsLateOver1Ms,
    double MaxSendLateMilliseconds,
    long Unrecognised);
