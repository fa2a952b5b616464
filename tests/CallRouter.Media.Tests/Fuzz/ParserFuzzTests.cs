using System.Text;
using CallRouter.Media.Audio;
using CallRouter.Media.Dtmf;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Media.Tests.Fuzz;

/// <summary>
/// Random and mutated input from a fixed-seed generator (the same cases on every run, so CI is
/// deterministic): parsers of network and file input reject bad data by return value or their
/// own exception type, never by crashing, and never read outside the buffer.
/// </summary>
public class ParserFuzzTests
{
    private const int Seed = 4733;

    private static readonly byte[] ValidRtp = TestSupport.Rtp.Audio(9, 1440);

    private static readonly string ValidSdp =
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
        "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    /// <summary>Half purely random byte strings, half a valid message with 1–6 bytes overwritten.</summary>
    private static IEnumerable<byte[]> Cases(byte[] valid, int count, int maxRandomLength)
    {
        var random = new Random(Seed);
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                var bytes = new byte[random.Next(maxRandomLength + 1)];
                random.NextBytes(bytes);
                yield return bytes;
            }
            else
            {
                var copy = (byte[])valid.Clone();
                for (var n = random.Next(1, 7); n > 0; n--)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                yield return copy;
            }
        }
    }

    [Fact]
    public void RtpPacketTryParse_RandomAndMutatedDatagrams_PayloadAlwaysInsideDatagram()
    {
        foreach (var datagram in Cases(ValidRtp, 20_000, 300))
        {
            if (RtpPacket.TryParse(datagram, out var packet))
            {
                Assert.InRange(packet.Payload.Length, 0, datagram.Length - RtpHeader.Size);
            }
        }
    }

    [Fact]
    public void RtcpCompoundPacketTryParse_RandomAndMutatedDatagrams_NeverThrows()
    {
        var buffer = new byte[256];
        var length = RtcpCompoundPacket.Write(buffer, 1, new RtcpSenderInfo(1, 2, 3, 4), [new RtcpReportBlock(5, 6, 7, 8, 9, 10, 11)], "fuzz");

        foreach (var datagram in Cases(buffer[..length], 20_000, 300))
        {
            if (RtcpCompoundPacket.TryParse(datagram, out var compound))
            {
                Assert.All(compound.Reports, r => Assert.InRange(r.Blocks.Count, 0, 31));
            }
        }
    }

    [Fact]
    public void SdpParserTryParse_RandomAndMutatedOffers_EitherParsesAndAnswersOrGivesReason()
    {
        foreach (var bytes in Cases(Encoding.ASCII.GetBytes(ValidSdp), 10_000, 400))
        {
            var ok = SdpParser.TryParse(bytes, out var description, out var error);
            Assert.True(ok ? description is not null : !string.IsNullOrEmpty(error));
            if (ok)
            {
                // Whatever parses must also survive offer/answer without throwing.
                var result = SdpNegotiator.Answer(description!, new MediaCapabilities(System.Net.IPAddress.Loopback), 20000);
                Assert.True(result.IsAccepted || result.StatusCode == 488);
            }
        }
    }

    [Fact]
    public void WavFileParse_RandomAndMutatedFiles_OnlyWavFormatException()
    {
        using var stream = new MemoryStream();
        WavFile.Write(stream, new WavAudio(WavFormat.MuLaw, 1, 8000, new byte[64]));

        foreach (var file in Cases(stream.ToArray(), 10_000, 120))
        {
            try
            {
                var audio = WavFile.Parse(file);
                Assert.Equal(0, audio.Data.Length % (audio.Channels * audio.BytesPerSample));
            }
            catch (WavFormatException)
            {
                // Refused with the library's own exception: fine.
            }
        }
    }

    [Fact]
    public void DtmfRelayParserTryParse_RandomBodies_NeverThrows()
    {
        foreach (var bytes in Cases(Encoding.ASCII.GetBytes("Signal=5\r\nDuration=160\r\n"), 10_000, 60))
        {
            var ok = DtmfRelayParser.TryParse(DtmfRelayParser.DtmfRelayContentType, Encoding.Latin1.GetString(bytes), out var digit, out var duration);
            Assert.True(!ok || (DtmfDigit.IsValid(digit) && duration > TimeSpan.Zero));
        }
    }

    [Fact]
    public void TelephoneEventReceiver_RandomEventStreams_NeverMorePressesThanDistinctTimestamps()
    {
        var random = new Random(Seed);
        var payload = new byte[4];
        for (var round = 0; round < 5_000; round++)
        {
            var receiver = new TelephoneEventReceiver();
            var presses = 0;
            receiver.DigitReceived += _ => presses++;
            var timestamps = new HashSet<uint>();
            for (var n = random.Next(1, 40); n > 0; n--)
            {
                var timestamp = (uint)random.Next(7) * 800;
                timestamps.Add(timestamp);
                new TelephoneEvent((byte)random.Next(18), random.Next(2) == 0, 10, (ushort)random.Next(65536)).WriteTo(payload);
                receiver.Process(timestamp, random.Next(2) == 0, payload);
            }

            // Every press needs a timestamp of its own; long-press continuations only ever merge.
            Assert.InRange(presses, 0, timestamps.Count);
        }
    }
}
