using System.Net;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transport;

/// <summary>A message handed up by a transport, with where it came from and which local socket took it.</summary>
public sealed record IncomingMessage(SipMessage Message, SipEndPoint Remote, IPEndPoint Local);
