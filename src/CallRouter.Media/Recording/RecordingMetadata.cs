namespace CallRouter.Media.Recording;

/// <summary>
/// What links a recording to the call, case and agent (SPEC R13), written as a JSON file beside
/// the WAV when the recording completes.
/// </summary>
public sealed record RecordingMetadata
{
    public required string CallId { get; init; }

    public string? CaseId { get; init; }

    public string? AgentId { get; init; }

    /// <summary>What is on each channel, e.g. "left=caller, right=agent".</summary>
    public string? Channels { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public TimeSpan? Duration { get; init; }

    public string? Layout { get; init; }

    public string? Format { get; init; }

    public long? PacketsWritten { get; init; }

    public long? LatePacketsDropped { get; init; }

    /// <summary>Why the recording stopped early (e.g. disk full); null when it is complete.</summary>
    public string? Error { get; init; }
}
