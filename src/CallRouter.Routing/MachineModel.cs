namespace CallRouter.Routing;

/// <summary>The manufacturer's firewall models the desk supports (SOW-A Attachment A1).</summary>
/// <remarks><see cref="Unspecified"/> is the zero value so that a missing field is detectable.</remarks>
public enum MachineModel
{
    /// <summary>No model given; always rejected by the engine.</summary>
    Unspecified = 0,

    /// <summary>NS-5.</summary>
    Ns5 = 1,

    /// <summary>NS Remote.</summary>
    NsRemote = 2,

    /// <summary>NS10.</summary>
    Ns10 = 3,

    /// <summary>NS100.</summary>
    Ns100 = 4,
}
