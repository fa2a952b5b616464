namespace CallRouter.Cases.Domain;

/// <summary>
/// Evidence that the end user concurred with a severity (A5 6.0): who agreed, when, and how
/// (e.g. "IVR confirmation", "phone with agent").
/// </summary>
public sealed record EndUserAgreement(string AgreedBy, DateTimeOffset AgreedAt, string Channel);
