namespace CallRouter.Gateway;

/// <summary>How a call that is not for the desk goes back to the manufacturer's switch (SPEC R2).</summary>
public enum ReturnMode
{
    /// <summary>Answer first, then REFER the caller to the return address (the switch keeps control of the transfer).</summary>
    Refer,

    /// <summary>Never answer: a 302 to the return address, which a switch follows without media.</summary>
    Redirect,
}
