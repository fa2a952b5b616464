using System.Diagnostics;
using CallRouter.Testing;

namespace CallRouter.Escalation.Tests;

/// <summary>The PTAS simulator as a real child process on a free loopback port, bounded to 180 s of its own.</summary>
internal sealed class PtasSimulatorProcess : SimulatorProcess
{
    private PtasSimulatorProcess(Process process)
        : base(process, "PTAS simulator")
    {
    }

    public static Task<PtasSimulatorProcess> StartAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CallRouter.Simulators.Ptas.dll");
        return StartAsync(new PtasSimulatorProcess(Launch(dll, ["--port", "0", "--max-runtime", "180", .. arguments])));
    }
}
