using System.Globalization;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Starts the real server for a gateway test with an RTP port window of its own. Every server of the shared
/// harness otherwise takes ports from the start of the same range, and the media engine tries only a few busy
/// pairs before giving up, so servers of other test runs on the same machine could leave a call without media.
/// </summary>
internal static class GatewayServer
{
    private const int WindowPorts = 1000;

    public static Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        var withRtp = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        if (!withRtp.ContainsKey("CallRouter__Gateway__RtpPortStart"))
        {
            // An even start between 30200 and 31600: above where the harness's default range fills up, below the
            // ephemeral ports (32768 and up) that SIPp and the free-port helper use.
            int start = 30200 + (2 * Random.Shared.Next(0, 701));
            withRtp["CallRouter__Gateway__RtpPortStart"] = start.ToString(CultureInfo.InvariantCulture);
            withRtp["CallRouter__Gateway__RtpPortEnd"] = (start + WindowPorts - 1).ToString(CultureInfo.InvariantCulture);
        }

        return ServerProcess.StartAsync(withRtp, dataDirectory);
    }
}
