namespace CallRouter.Escalation.Domain;

/// <summary>The kind of port a contact is reached through.</summary>
public enum ContactChannel
{
    /// <summary>A phone call placed by the gateway (Mfr TS toll-free number in business hours).</summary>
    Phone,

    /// <summary>A page through the PTAS / paging gateway (<see cref="Ports.IPagerChannel"/>).</summary>
    Pager,
}
