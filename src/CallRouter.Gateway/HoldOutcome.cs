namespace CallRouter.Gateway;

public enum HoldOutcome
{
    /// <summary>An agent accepted: call the agent's softphone.</summary>
    Connect,

    /// <summary>The caller pressed the voicemail digit.</summary>
    Voicemail,

    /// <summary>The caller hung up while waiting.</summary>
    CallerHungUp,

    /// <summary>The core hands the call back to the manufacturer's switch.</summary>
    Returned,

    /// <summary>The caller goes to the manufacturer's Level 3 line.</summary>
    TransferToManufacturer,

    /// <summary>The core finished with the call or can no longer be reached.</summary>
    Lost,
}
