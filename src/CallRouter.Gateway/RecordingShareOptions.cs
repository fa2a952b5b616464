namespace CallRouter.Gateway;

/// <summary>Quality recordings of bridged calls (SPEC R13).</summary>
public sealed class RecordingShareOptions
{
    /// <summary>Share of bridged calls recorded, 0 to 1 (0.1 = every tenth call).</summary>
    public double Share { get; set; } = 0.1;

    /// <summary>Folder for recordings; a relative path is inside the server's data folder.</summary>
    public string Folder { get; set; } = "recordings";
}
