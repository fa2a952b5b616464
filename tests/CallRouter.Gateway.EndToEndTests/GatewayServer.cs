using System.Globalization;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Starts the real server for a gateway test with an RTP port window of its own. Every server of the shared
/// harness otherwise takes ports from the start of the same range (which a call-storm benchmark on the same
/// machine also fills), and the media engine tries only 16 busy pairs before giving up, so a call could be
/// left without media.
/// </summary>
internal static class GatewayServer
{
    private const int WindowPorts = 1000;

    public static Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        var withRtp = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        if (!withRtp.ContainsKey("CallRouter__Gateway__RtpPortStart"))
        {
            // An even start between 61000 and 64400: above Linux's ephemeral ports (32768-60999, used by SIPp and
            // the free-port helper) and clear of the call-storm benchmark's ranges (20000-49999), which covers the
            // harness's default 30000-30999 while it runs on the same machine.
            int start = 61000 + (2 * Random.Shared.Next(0, 1701));
            withRtp["CallRouter__Gateway__RtpPortStart"] = start.ToString(CultureInfo.InvariantCulture);
            withRtp["CallRouter__Gateway__RtpPortEnd"] = (start + WindowPorts - 1).ToString(CultureInfo.InvariantCulture);
        }

        return ServerProcess.StartAsync(withRtp, dataDirectory);
    }
}
