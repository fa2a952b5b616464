namespace CallRouter.Sip.UserAgent;

/// <summary>Configuration of <see cref="SipStack"/>; binds from a "Sip" configuration section.</summary>
public sealed class SipStackOptions
{
    /// <summary>"address:port" pairs to listen on (IPv6 as "[::1]:5060"); port 0 picks a free port.</summary>
    public string[] ListenAddresses { get; set; } = ["127.0.0.1:5060"];

    public bool EnableUdp { get; set; } = true;

    public bool EnableTcp { get; set; } = true;

    /// <summary>Largest SIP message accepted (bytes).</summary>
    public int MaxMessageSize { get; set; } = 65_535;

    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages waiting between transports and transactions.</summary>
    public int ReceiveQueueCapacity { get; set; } = 8192;

    /// <summary>RFC 3261 T1, T2, T4 in milliseconds.</summary>
    public int T1Milliseconds { get; set; } = 500;

    public int T2Milliseconds { get; set; } = 4000;

    public int T4Milliseconds { get; set; } = 5000;

    /// <summary>Concurrent calls (incoming INVITE dialogs and pending INVITEs); above it new INVITEs get 503.</summary>
    public int MaxConcurrentCalls { get; set; } = 5000;

    /// <summary>Live server transactions; bounds memory under a flood of any request type.</summary>
    public int MaxServerTransactions { get; set; } = 200_000;

    /// <summary>New INVITEs per second accepted from one source address; 0 disables the limit.</summary>
    public int MaxInvitesPerSecondPerSource { get; set; } = 500;

    /// <summary>Seconds advertised in Retry-After on 503.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>On stop, how long to wait for BYEs and refusals of live calls before closing the sockets.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Value of the Server and User-Agent headers.</summary>
    public string UserAgent { get; set; } = "CallRouter";

    /// <summary>User part of our Contact URI.</summary>
    public string ContactUser { get; set; } = "callrouter";

    /// <summary>Status sent to INVITEs when no handler is plugged in (480 Temporarily Unavailable).</summary>
    public int UnhandledInviteStatus { get; set; } = 480;

    /// <summary>Options extensions this stack implements; a Require naming anything else gets 420.</summary>
    public string[] SupportedExtensions { get; set; } = ["replaces"];

    /// <summary>Accept REGISTER and keep bindings (with digest authentication when credentials are set).</summary>
    public bool EnableRegistrar { get; set; }

    public RegistrarOptions Registrar { get; set; } = new();
}
