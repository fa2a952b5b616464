using System.Diagnostics;

namespace CallRouter.Testing;

/// <summary>
/// The Mfr TS phone simulator as a real child process on a free loopback port and its own block of RTP
/// ports, bounded to 240 s of its own. Also linked into the escalation end-to-end tests.
/// </summary>
internal sealed class MfrPhoneProcess : SimulatorProcess
{
    private MfrPhoneProcess(Process process)
        : base(process, "Mfr TS phone simulator")
    {
    }

    public string SipUri => $"sip:mfr-ts@127.0.0.1:{Port}";

    public static Task<MfrPhoneProcess> StartAsync(params string[] arguments)
    {
        // Its own RTP ports, not the default range every simulator would share (see LoopbackPorts.FreeUdpBlock).
        var (rtpStart, rtpEnd) = LoopbackPorts.FreeUdpBlock(200, 15000, 20000);
        return StartAsync(new MfrPhoneProcess(Launch(LocateSimulator(), ["--port", "0", "--max-runtime", "240", "--rtp-ports", $"{rtpStart}-{rtpEnd}", .. arguments])));
    }

    /// <summary>Runs the simulator with arguments that make it exit by itself (bad options, --help) and returns exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments) =>
        RunToExitAsync(Launch(LocateSimulator(), arguments));

    /// <summary>
    /// The simulator in its own build folder, same configuration as the tests (the project reference
    /// builds it): its copy next to a test project that also runs the server may lack the logging and
    /// options assemblies, which that project takes from the ASP.NET Core shared framework instead.
    /// </summary>
    private static string LocateSimulator()
    {
        const string name = "CallRouter.Simulators.MfrPhone.dll";
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string? configuration = output.Parent?.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CallRouter.sln")) && configuration is not null)
            {
                string own = Path.Combine(dir.FullName, "simulators", "CallRouter.Simulators.MfrPhone", "bin", configuration, framework, name);
                if (File.Exists(own)) return own;
                break;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, name);
    }
}
