using CallRouter.Media;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway;

/// <summary>What every call flow shares: configuration, the core, the SIP stack, media and the clock.</summary>
public sealed record CallFlowServices(
    GatewayOptions Options,
    IRoutingClient Routing,
    SipStack Sip,
    MediaEngine Media,
    TimeProvider Time,
    CallerContextReader ContextReader,
    RecordingSelector Recordings,
    ILogger Logger);
