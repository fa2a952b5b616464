namespace CallRouter.Escalation.Domain;

/// <summary>One place the desk can reach Mfr TS: a phone number or a pager id on the PTAS / paging gateway.</summary>
public sealed record EscalationContact(string Name, ContactChannel Channel, string Address)
{
    public override string ToString() => $"{Name} ({Channel} {Address})";
}
