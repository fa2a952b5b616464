using System.Buffers.Binary;
using System.Xml.Linq;
using CallRouter.Simulators.Storm.Callers;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Tests;

/// <summary>The callers' SIPp scenario per digit mode, and the per-digit pcaps it plays.</summary>
public sealed class CallerScenarioTests
{
    private static readonly string Scenarios = Path.Combine(AppContext.BaseDirectory, "scenarios");
    private static readonly string Template = File.ReadAllText(Path.Combine(Scenarios, "storm_caller.xml"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Rfc4733_PlaysHashSeverityAndOneAsThreeShippedPcapsInOrder(int severity)
    {
        var scenario = CallerScenario.For(Template, severity, CallerScenario.Rfc4733, patienceSeconds: 300);

        Assert.Equal(["dtmf_1st_hash.pcap", $"dtmf_2nd_{severity}.pcap", "dtmf_3rd_1.pcap"], scenario.Pcaps);
        var plays = Parse(scenario.Xml).Descendants("exec").Select(e => (string?)e.Attribute("play_pcap_audio")).ToList();
        Assert.Equal(scenario.Pcaps, plays);
        Assert.Contains("CSeq: 2 BYE", scenario.Xml, StringComparison.Ordinal);
        Assert.Contains("timeout=\"300000\"", scenario.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("@", PlaceholderFree(scenario.Xml), StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc4733Pcaps_ThreeDistinctEventsWhoseTimestampsAndSequenceNumbersFollowOn()
    {
        // A receiver tells RFC 4733 events apart by RTP timestamp: pcaps that all started at the same one would
        // make the second and third digits look like retransmissions of the first.
        var events = new[] { "dtmf_1st_hash.pcap", "dtmf_2nd_3.pcap", "dtmf_3rd_1.pcap" }.Select(ReadEvents).ToList();

        Assert.Equal([11, 3, 1], events.Select(e => e.Select(p => p.Event).Distinct().Single()));
        for (int i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Min(p => p.Timestamp) > events[i - 1].Max(p => p.Timestamp), $"pcap {i + 1} does not start after pcap {i}'s event");
            Assert.True(events[i].Min(p => p.Sequence) > events[i - 1].Max(p => p.Sequence), $"pcap {i + 1}'s sequence numbers overlap pcap {i}'s");
        }

        Assert.All(events, e => Assert.True(e.Count(p => p.End) == 3, "each digit ends with three end packets"));
    }

    [Fact]
    public void Info_SendsHashSeverityAndOneAsThreeInfoRequestsThenByeWithTheNextCSeq()
    {
        var scenario = CallerScenario.For(Template, 4, CallerScenario.Info, patienceSeconds: 60);

        Assert.Empty(scenario.Pcaps);
        var infos = Parse(scenario.Xml).Descendants("send").Select(s => s.Value).Where(v => v.TrimStart().StartsWith("INFO ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, infos.Count);
        Assert.Equal(["Signal=#", "Signal=4", "Signal=1"], infos.Select(v => v.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Signal=", StringComparison.Ordinal))));
        Assert.Equal(["CSeq: 2 INFO", "CSeq: 3 INFO", "CSeq: 4 INFO"], infos.Select(v => v.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("CSeq:", StringComparison.Ordinal))));
        Assert.All(infos, v => Assert.Contains("Content-Type: application/dtmf-relay", v, StringComparison.Ordinal));
        Assert.Contains("CSeq: 5 BYE", scenario.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("play_pcap_audio", scenario.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("@", PlaceholderFree(scenario.Xml), StringComparison.Ordinal);
    }

    [Fact]
    public void For_UnknownDigitMode_ProfileExceptionNamingTheChoices()
    {
        var error = Assert.Throws<ProfileException>(() => CallerScenario.For(Template, 2, "dtmf", 60));
        Assert.Contains("rfc4733", error.Message, StringComparison.Ordinal);
        Assert.Contains("info", error.Message, StringComparison.Ordinal);
    }

    private static XDocument Parse(string xml) =>
        XDocument.Parse(xml[xml.IndexOf("<scenario", StringComparison.Ordinal)..]); // without the DOCTYPE line SIPp needs

    // SIP URIs contain '@'; what must not be left is a template placeholder like @DIGITS@.
    private static string PlaceholderFree(string xml) =>
        System.Text.RegularExpressions.Regex.Replace(xml, @"[\w\]\[]+@[\w\[\]]", "");

    private static List<(int Event, uint Timestamp, int Sequence, bool End)> ReadEvents(string pcap)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Scenarios, pcap));
        var packets = new List<(int, uint, int, bool)>();
        const int globalHeader = 24, recordHeader = 16, ethernet = 14, ip = 20, udp = 8;
        for (int at = globalHeader; at < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 8));
            var rtp = file.AsSpan(at + recordHeader + ethernet + ip + udp, length - ethernet - ip - udp);
            Assert.Equal(101, rtp[1] & 0x7F);
            packets.Add((rtp[12], BinaryPrimitives.ReadUInt32BigEndian(rtp[4..]), BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]), (rtp[13] & 0x80) != 0));
            at += recordHeader + length;
        }

        return packets;
    }
}
