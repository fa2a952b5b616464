using System.Net;

namespace CallRouter.Server;

/// <summary>Turns configured listen addresses and folders into what Kestrel and storage need.</summary>
internal static class ServerEndpoints
{
    /// <summary>"127.0.0.1", "::1", "0.0.0.0", "localhost" or "*" (any address).</summary>
    public static IPAddress Parse(string address) => address switch
    {
        "*" or "0.0.0.0" => IPAddress.Any,
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(address, out IPAddress? parsed) => parsed,
        _ => throw new InvalidOperationException($"'{address}' is not an IP address to listen on (use e.g. 127.0.0.1, ::1 or 0.0.0.0)."),
    };

    public static string ResolveDataDirectory(string configured)
    {
        string path = Path.GetFullPath(configured);
        Directory.CreateDirectory(path);
        return path;
    }
}
