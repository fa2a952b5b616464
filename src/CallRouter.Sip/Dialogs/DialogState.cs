namespace CallRouter.Sip.Dialogs;

public enum DialogState : byte
{
    Early,
    Confirmed,
    Terminated,
}
