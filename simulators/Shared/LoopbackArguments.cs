using System.Globalization;
using System.Net;

namespace CallRouter.Simulators;

/// <summary>
/// Command-line values every simulator takes the same way: its port, and the address it listens on, which
/// must be loopback (the simulators never face a network). Linked as source into each simulator.
/// </summary>
internal static class LoopbackArguments
{
    public static int Port(string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port : throw new FormatException($"--port \"{value}\" is not a port number.");

    public static IPAddress Host(string value) =>
        IPAddress.TryParse(value, out var host) && IPAddress.IsLoopback(host)
            ? host : throw new FormatException($"--host \"{value}\" is not a loopback address.");
}
