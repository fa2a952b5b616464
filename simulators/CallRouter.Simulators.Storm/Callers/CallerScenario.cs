using System.Globalization;
using System.Text;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Callers;

/// <summary>
/// The SIPp scenario of one severity's callers: storm_caller.xml with its IVR digits ("#", the severity,
/// "1", 1.2 s apart) written in as RFC 4733 events or SIP INFO requests, and the pcaps the first need.
/// RFC 4733 digits are one short pcap each, not one pcap for the whole IVR: SIPp opens a raw socket for
/// every pcap it is playing, and the kernel checks every UDP packet on the host against every raw socket,
/// so 500 callers each holding one open for 2.5 s made every RTP packet on the machine several µs dearer.
/// </summary>
public sealed record CallerScenario(string Xml, IReadOnlyList<string> Pcaps)
{
    /// <summary>RFC 4733 telephone-events, from pcaps played by SIPp (the default).</summary>
    public const string Rfc4733 = "rfc4733";

    /// <summary>SIP INFO requests with an application/dtmf-relay body, as some switches send key presses.</summary>
    public const string Info = "info";

    private const int FirstDigitDelayMs = 1000;
    private const int DigitGapMs = 1200;

    public static CallerScenario For(string template, int severity, string digits, double patienceSeconds)
    {
        ArgumentNullException.ThrowIfNull(template);
        char[] keys = ['#', (char)('0' + severity), '1'];
        var (block, pcaps, byeCSeq) = digits switch
        {
            Rfc4733 => PcapDigits(severity),
            Info => InfoDigits(keys),
            _ => throw new ProfileException($"digits: '{digits}' must be {Rfc4733} or {Info}"),
        };
        string xml = template
            .Replace("@DIGITS@", block, StringComparison.Ordinal)
            .Replace("@BYE_CSEQ@", byeCSeq.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@PATIENCE_MS@", ((long)(patienceSeconds * 1000)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new CallerScenario(xml, pcaps);
    }

    // Files made with tests/CallRouter.Gateway.EndToEndTests/scenarios/make_dtmf_pcap.py: each digit's RTP
    // timestamp and sequence numbers follow on from the digits before it, so they are three events.
    private static (string Block, IReadOnlyList<string> Pcaps, int ByeCSeq) PcapDigits(int severity)
    {
        string[] pcaps = ["dtmf_1st_hash.pcap", $"dtmf_2nd_{severity}.pcap", "dtmf_3rd_1.pcap"];
        var block = new StringBuilder();
        for (int i = 0; i < pcaps.Length; i++)
        {
            block.Append(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{(i == 0 ? FirstDigitDelayMs : DigitGapMs)}\"/>\n");
            block.Append(CultureInfo.InvariantCulture, $"  <nop><action><exec play_pcap_audio=\"{pcaps[i]}\"/></action></nop>\n");
        }

        return (block.ToString(), pcaps, 2);
    }

    private static (string Block, IReadOnlyList<string> Pcaps, int ByeCSeq) InfoDigits(char[] keys)
    {
        var block = new StringBuilder();
        for (int i = 0; i < keys.Length; i++)
        {
            block.Append(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{(i == 0 ? FirstDigitDelayMs : DigitGapMs)}\"/>\n");
            block.Append(CultureInfo.InvariantCulture, $"""
                  <send retrans="500">
                    <![CDATA[
                      INFO sip:support@[remote_ip]:[remote_port] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:555[call_number]@[local_ip]:[local_port]>;tag=[pid]Storm[call_number]
                      [last_To:]
                      Call-ID: [call_id]
                      CSeq: {i + 2} INFO
                      Contact: <sip:555[call_number]@[local_ip]:[local_port]>
                      Max-Forwards: 70
                      Content-Type: application/dtmf-relay
                      Content-Length: [len]

                      Signal={keys[i]}
                      Duration=160
                    ]]>
                  </send>
                  <recv response="200"/>

                """);
        }

        return (block.ToString(), [], keys.Length + 2);
    }
}
