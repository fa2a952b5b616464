namespace CallRouter.Escalation.Ports;

/// <summary>A page: the pager id on the PTAS / paging gateway, one line of text, and the desk's call-back number.</summary>
public sealed record PageRequest(string PagerId, string Message, string CallbackNumber);
