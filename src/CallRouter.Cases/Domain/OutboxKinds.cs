namespace CallRouter.Cases.Domain;

/// <summary>Names of the notifications written to the outbox.</summary>
public static class OutboxKinds
{
    /// <summary>A caller not under contract was served (SOW-A 4.0 IBM 2).</summary>
    public const string NotUnderContract = "NotUnderContract";
}
