namespace CallRouter.Gateway;

/// <summary>What the switch told us about a call in its headers; the IVR fills in the rest.</summary>
/// <param name="Model">Normalised model name, or null when the header is missing or names no known model.</param>
/// <param name="RawModel">The model header as received, kept for logs and the case.</param>
public sealed record CallerContext(
    string? Model,
    string? RawModel,
    string Serial,
    string Account,
    string Callback,
    string ProblemNumber,
    bool FromManufacturer);
