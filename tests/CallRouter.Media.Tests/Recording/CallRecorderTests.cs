using System.Buffers.Binary;
using System.Text.Json;
using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using CallRouter.Media.Recording;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Recording;

public class CallRecorderTests
{
    private const uint CallerSsrc = 0x1111;
    private const uint AgentSsrc = 0x2222;
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryStream _wav = new();

    private static readonly short CallerLevel = G711.DecodeMuLaw(G711.EncodeMuLaw(4000));
    private static readonly short AgentLevel = G711.DecodeMuLaw(G711.EncodeMuLaw(-1200));

    private CallRecorder NewRecorder(RecordingLayout layout = RecordingLayout.Stereo, string? metadataPath = null) =>
        new(_wav, new RecordingMetadata { CallId = "call-1", CaseId = "P-1001", AgentId = "agent-7" }, _time,
            new RecordingOptions { Layout = layout, Format = WavFormat.Pcm16 }, metadataPath);

    private static byte[] Frame(short level) => Enumerable.Repeat(G711.EncodeMuLaw(level), 160).ToArray();

    private short[,] Samples(out WavAudio audio)
    {
        audio = WavFile.Parse(_wav.ToArray());
        var frames = audio.SampleFrames;
        var result = new short[audio.Channels, frames];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < audio.Channels; c++)
            {
                result[c, i] = BinaryPrimitives.ReadInt16LittleEndian(audio.Data.AsSpan(((i * audio.Channels) + c) * 2));
            }
        }

        return result;
    }

    [Fact]
    public void Complete_BothDirectionsForOneSecond_StereoChannelsCarryEachSide()
    {
        var recorder = NewRecorder();
        for (var i = 0; i < 50; i++)
        {
            recorder.Write(RecordingChannel.Left, CallerSsrc, 5000 + (uint)(i * 160), G711Law.MuLaw, Frame(4000));
            recorder.Write(RecordingChannel.Right, AgentSsrc, 900 + (uint)(i * 160), G711Law.MuLaw, Frame(-1200));
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        var metadata = recorder.Complete();
        var samples = Samples(out var audio);

        Assert.Equal(2, audio.Channels);
        Assert.Equal(8000, audio.SampleFrames);
        for (var i = 0; i < 8000; i++)
        {
            Assert.Equal(CallerLevel, samples[0, i]);
            Assert.Equal(AgentLevel, samples[1, i]);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), metadata.Duration);
        Assert.Equal(100, metadata.PacketsWritten);
    }

    [Fact]
    public void Write_PacketLostAndNeighboursReordered_GapIsSilenceAtTheRightPlace()
    {
        var recorder = NewRecorder(RecordingLayout.Mixed);
        // Packets 0,1,3,2,5 arrive (4 lost, 2 and 3 swapped).
        foreach (var n in new[] { 0, 1, 3, 2, 5 })
        {
            recorder.Write(RecordingChannel.Left, CallerSsrc, (uint)(n * 160), G711Law.MuLaw, Frame((short)(1000 * (n + 1))));
        }

        recorder.Complete();
        var samples = Samples(out var audio);

        Assert.Equal(1, audio.Channels);
        Assert.Equal(960, audio.SampleFrames);
        Assert.Equal(G711.DecodeMuLaw(G711.EncodeMuLaw(3000)), samples[0, 2 * 160]);
        Assert.Equal(G711.DecodeMuLaw(G711.EncodeMuLaw(4000)), samples[0, 3 * 160]);
        Assert.Equal(0, samples[0, 4 * 160]);
        Assert.Equal(G711.DecodeMuLaw(G711.EncodeMuLaw(6000)), samples[0, 5 * 160]);
    }

    [Fact]
    public void Write_AgentStartsHalfASecondLater_AgentChannelSilentUntilThen()
    {
        var recorder = NewRecorder();
        for (var i = 0; i < 50; i++)
        {
            recorder.Write(RecordingChannel.Left, CallerSsrc, (uint)(i * 160), G711Law.MuLaw, Frame(4000));
            if (i >= 25)
            {
                recorder.Write(RecordingChannel.Right, AgentSsrc, 77777 + (uint)(i * 160), G711Law.MuLaw, Frame(-1200));
            }

            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        recorder.Complete();
        var samples = Samples(out _);

        Assert.Equal(0, samples[1, 3999]);
        Assert.Equal(AgentLevel, samples[1, 4000]);
    }

    [Fact]
    public void Write_MixedLayout_SumsBothDirections()
    {
        var recorder = NewRecorder(RecordingLayout.Mixed);
        recorder.Write(RecordingChannel.Left, CallerSsrc, 0, G711Law.MuLaw, Frame(4000));
        recorder.Write(RecordingChannel.Right, AgentSsrc, 0, G711Law.MuLaw, Frame(-1200));

        recorder.Complete();
        var samples = Samples(out _);

        Assert.Equal(CallerLevel + AgentLevel, samples[0, 80]);
    }

    [Fact]
    public void Write_PacketOlderThanAlignmentWindow_DroppedAndCounted()
    {
        var recorder = NewRecorder();
        for (var i = 0; i < 150; i++)
        {
            recorder.Write(RecordingChannel.Left, CallerSsrc, (uint)(i * 160), G711Law.MuLaw, Frame(4000));
        }

        recorder.Write(RecordingChannel.Left, CallerSsrc, 0, G711Law.MuLaw, Frame(100)); // 3 s late

        Assert.Equal(1, recorder.Complete().LatePacketsDropped);
    }

    [Fact]
    public void Complete_WithMetadataPath_WritesJsonLinkingCaseAndAgent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rec-{Guid.NewGuid():N}.json");
        try
        {
            var recorder = NewRecorder(metadataPath: path);
            recorder.Write(RecordingChannel.Left, CallerSsrc, 0, G711Law.MuLaw, Frame(4000));
            _time.Advance(TimeSpan.FromSeconds(3));
            recorder.Complete();

            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("P-1001", json.RootElement.GetProperty("CaseId").GetString());
            Assert.Equal("agent-7", json.RootElement.GetProperty("AgentId").GetString());
            Assert.Equal("Stereo", json.RootElement.GetProperty("Layout").GetString());
            var started = json.RootElement.GetProperty("StartedAt").GetDateTimeOffset();
            var ended = json.RootElement.GetProperty("EndedAt").GetDateTimeOffset();
            Assert.Equal(TimeSpan.FromSeconds(3), ended - started);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_DiskFullWhileFlushing_RecordingStopsWithErrorAndCallerSeesNoException()
    {
        using var stream = new FailingStream(failAfterBytes: 1000);
        var recorder = new CallRecorder(stream, new RecordingMetadata { CallId = "c" }, _time);
        for (var i = 0; i < 200; i++)
        {
            recorder.Write(RecordingChannel.Left, CallerSsrc, (uint)(i * 160), G711Law.MuLaw, Frame(4000));
        }

        var metadata = recorder.Complete();

        Assert.NotNull(recorder.Failure);
        Assert.Contains("disk full", metadata.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AfterComplete_Ignored()
    {
        var recorder = NewRecorder();
        recorder.Complete();
        recorder.Write(RecordingChannel.Left, CallerSsrc, 0, G711Law.MuLaw, Frame(4000));

        Assert.Equal(0, WavFile.Parse(_wav.ToArray()).SampleFrames);
    }

    /// <summary>A seekable stream that throws like a full disk once a byte budget is used up.</summary>
    private sealed class FailingStream(int failAfterBytes) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > failAfterBytes)
            {
                throw new IOException("disk full");
            }

            base.Write(buffer, offset, count);
        }

        // MemoryStream's span overload calls back into Write(byte[]) for derived types; route it there once.
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
    }
}
