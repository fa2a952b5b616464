using System.Diagnostics;
using System.Globalization;

namespace CallRouter.MediaLoad;

/// <summary>
/// Starts this executable again in another role (the phones, the listeners) so each side's CPU and
/// scheduling figures are its own, and reads its line protocol.
/// </summary>
internal static class ChildProcess
{
    public static Process Start(string role, LoadSettings settings, int streams)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Through the apphost when there is one, else through dotnet.
        var self = Environment.ProcessPath!;
        info.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var arg in new[]
        {
            role,
            "--calls", streams.ToString(CultureInfo.InvariantCulture),
            "--warmup", settings.Warmup.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--measure", settings.Measure.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--drain", settings.Drain.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--phone-sockets", settings.PhoneSockets.ToString(CultureInfo.InvariantCulture),
            "--phone-batch-us", ((int)settings.PhoneBatchingDelay.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start the {role} process.");
    }

    public static string ReadLine(Process child, string expected)
    {
        var line = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"The child process ended before {expected}.");
        return line.StartsWith(expected, StringComparison.Ordinal) ? line : throw new InvalidOperationException($"Expected {expected} from the child process, got: {line}");
    }

    public static void WaitOrKill(Process child)
    {
        if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            child.Kill();
        }
    }
}
