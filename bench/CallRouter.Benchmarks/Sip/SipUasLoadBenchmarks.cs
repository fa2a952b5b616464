using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Benchmarks.Sip;

/// <summary>
/// A stateful UAS (transactions, dialogs, 2xx retransmission) answering SIPp's built-in uac at rising
/// rates over UDP on loopback. One iteration per rate: 10 s of calls. The method returns the number of
/// failed calls; failures, calls/s reached and the process CPU are printed to the log.
/// Needs /usr/bin/sipp (Debian package sip-tester).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public partial class SipUasLoadBenchmarks
{
    private const int Seconds = 10;
    private static readonly byte[] s_sdp = Encoding.ASCII.GetBytes(
        "v=0\r\no=callrouter 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");

    private SipStack? _stack;

    [Params(1000, 2000, 3000, 4000, 5000, 6000, 8000)]
    public int CallsPerSecond { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stack = new SipStack(new SipStackOptions
        {
            ListenAddresses = ["127.0.0.1:0"],
            EnableTcp = false,
            MaxConcurrentCalls = 100_000,
            MaxServerTransactions = 1_000_000,
            MaxInvitesPerSecondPerSource = 0,
            ReceiveQueueCapacity = 65_536,
        });
        _stack.OnInvite((call, _) => call.AnswerAsync(s_sdp));
        _stack.StartAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _stack?.StopAsync().GetAwaiter().GetResult();

    [Benchmark]
    public int UasUnderSippUac()
    {
        int port = _stack!.LocalEndPoints.First(e => e.Protocol == TransportProtocol.Udp).Address.Port;
        int calls = CallsPerSecond * Seconds;
        var info = new ProcessStartInfo("/usr/bin/sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            $"127.0.0.1:{port}", "-sn", "uac", "-i", "127.0.0.1", "-p", FreePort().ToString(CultureInfo.InvariantCulture), "-t", "u1",
            "-m", calls.ToString(CultureInfo.InvariantCulture), "-r", CallsPerSecond.ToString(CultureInfo.InvariantCulture),
            "-l", (CallsPerSecond * 4).ToString(CultureInfo.InvariantCulture), "-buff_size", "4194304",
            "-timeout", "120s", "-nostdin",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        long started = Stopwatch.GetTimestamp();
        using var sipp = Process.Start(info)!;
        var stdout = sipp.StandardOutput.ReadToEndAsync();
        _ = sipp.StandardError.ReadToEndAsync();
        if (!sipp.WaitForExit(TimeSpan.FromSeconds(180))) sipp.Kill(entireProcessTree: true);
        sipp.WaitForExit();
        var elapsed = Stopwatch.GetElapsedTime(started);
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;

        string output = stdout.Result;
        int successful = LastCount(SuccessfulCall(), output);
        int failed = LastCount(FailedCall(), output);
        Console.WriteLine(
            $"// SIP-UAS rate={CallsPerSecond}/s offered={calls} successful={successful} failed={failed} " +
            $"failedPct={(calls == 0 ? 0 : 100.0 * (calls - successful) / calls):F3} elapsed={elapsed.TotalSeconds:F1}s " +
            $"achieved={successful / elapsed.TotalSeconds:F0}/s uasCpu={100 * cpu.TotalSeconds / elapsed.TotalSeconds:F0}% (of one core) sippExit={sipp.ExitCode}");
        return calls - successful;
    }

    private static int LastCount(Regex pattern, string output)
    {
        var matches = pattern.Matches(output);
        return matches.Count == 0 ? 0 : int.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"Successful call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex SuccessfulCall();

    [GeneratedRegex(@"Failed call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex FailedCall();
}
