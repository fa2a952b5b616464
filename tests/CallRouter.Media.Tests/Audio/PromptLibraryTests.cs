using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;

namespace CallRouter.Media.Tests.Audio;

public class PromptLibraryTests
{
    private static readonly PromptLibrary Library = PromptLibrary.LoadEmbedded();

    private static double Rms(AudioClip clip)
    {
        var pcm = new short[clip.Samples.Length];
        G711.Decode(clip.Law, clip.Samples.Span, pcm);
        return Math.Sqrt(pcm.Average(s => (double)s * s));
    }

    public static TheoryData<string> AllPrompts() => new(PromptIds.All);

    [Theory]
    [MemberData(nameof(AllPrompts))]
    public void LoadEmbedded_EveryPromptTheGatewayNeeds_PresentAudibleAndShort(string id)
    {
        var clip = Library.Get(id);

        Assert.Equal(G711Law.MuLaw, clip.Law);
        Assert.InRange(clip.Duration, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15));
        Assert.True(Rms(clip) > 300, $"prompt {id} is nearly silent (RMS {Rms(clip):F0})");
    }

    [Fact]
    public void LoadEmbedded_WholeSet_StaysUnderHalfAMegabyte()
    {
        var total = Library.Ids.Sum(id => Library.Get(id).Samples.Length);
        Assert.InRange(total, 1, 512 * 1024);
    }

    [Fact]
    public void Beep_Frequency_IsOneKilohertz()
    {
        var beep = Library.Get(PromptIds.Beep);
        var pcm = new short[beep.Samples.Length];
        G711.Decode(beep.Law, beep.Samples.Span, pcm);

        // Count rising zero crossings over the steady middle: a 1 kHz tone crosses once per millisecond.
        var middle = pcm.AsSpan(400, 1600); // 200 ms
        var crossings = 0;
        for (var i = 1; i < middle.Length; i++)
        {
            if (middle[i - 1] < 0 && middle[i] >= 0)
            {
                crossings++;
            }
        }

        Assert.InRange(crossings, 198, 202);
    }

    [Fact]
    public void HoldMusic_LoopPoint_FadedToNearSilence()
    {
        var music = Library.Get(PromptIds.HoldMusic);
        var pcm = new short[music.Samples.Length];
        G711.Decode(music.Law, music.Samples.Span, pcm);

        Assert.All(pcm[..8], s => Assert.InRange(Math.Abs((int)s), 0, 200));
        Assert.All(pcm[^8..], s => Assert.InRange(Math.Abs((int)s), 0, 200));
        Assert.InRange(music.Duration, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void ProblemNumber_FourDigits_PrefixThenDigitsWithGaps()
    {
        var clip = Library.ProblemNumber("4711");

        var expected = Library.Get(PromptIds.ProblemNumberIs).Samples.Length
            + "4711".Sum(c => Library.Get(PromptIds.Digit(c - '0')).Samples.Length)
            + (3 * 960); // three 120 ms gaps
        Assert.Equal(expected, clip.Samples.Length);
    }

    [Fact]
    public void QueueAnnouncement_UnderAMinute_UsesLessThanAMinutePrompt()
    {
        var clip = Library.QueueAnnouncement(3, TimeSpan.FromSeconds(40));

        var expected = new[] { PromptIds.QueuePosition, PromptIds.Digit(3), PromptIds.InQueue, PromptIds.ExpectedWait, PromptIds.LessThanAMinute }
            .Sum(id => Library.Get(id).Samples.Length);
        Assert.Equal(expected, clip.Samples.Length);
    }

    [Fact]
    public void Digits_NonDigit_Throws()
    {
        Assert.Throws<ArgumentException>(() => Library.Digits("12a"));
    }

    [Fact]
    public void LoadWithOverrides_FileNamedLikeAPrompt_ReplacesIt()
    {
        var directory = Directory.CreateTempSubdirectory("prompts-");
        try
        {
            var custom = new byte[800];
            custom.AsSpan().Fill(0x10);
            WavFile.Write(Path.Combine(directory.FullName, "greeting.wav"), new WavAudio(WavFormat.MuLaw, 1, 8000, custom));

            var library = PromptLibrary.LoadWithOverrides(directory.FullName);

            Assert.Equal(custom, library.Get(PromptIds.Greeting).Samples.ToArray());
            Assert.Equal(Library.Get(PromptIds.Goodbye).Samples.ToArray(), library.Get(PromptIds.Goodbye).Samples.ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
