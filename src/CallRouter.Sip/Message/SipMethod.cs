namespace CallRouter.Sip.Message;

/// <summary>Methods the stack knows by name; anything else parses as <see cref="Unknown"/> and keeps its text.</summary>
public enum SipMethod : byte
{
    Unknown = 0,
    Invite,
    Ack,
    Bye,
    Cancel,
    Options,
    Register,
    Prack,
    Subscribe,
    Notify,
    Publish,
    Info,
    Refer,
    Message,
    Update,
}
