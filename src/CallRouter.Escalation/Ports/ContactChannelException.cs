namespace CallRouter.Escalation.Ports;

/// <summary>
/// A channel (pager, phone) could not take a contact or answer a status query. The escalation
/// keeps the contact pending and retries; <see cref="Code"/> carries the protocol's reply code
/// (SNPP 4xx/5xx) when there was one, null for a transport failure.
/// </summary>
public sealed class ContactChannelException : Exception
{
    public ContactChannelException(string channel, string message, int? code = null, Exception? inner = null)
        : base($"{channel}: {message}", inner)
    {
        Channel = channel;
        Code = code;
    }

    public string Channel { get; }

    public int? Code { get; }
}
