using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using CallRouter.Media.Dtmf;
using CallRouter.Sip.UserAgent;
using Xunit.Abstractions;

namespace CallRouter.Media.InteropTests;

/// <summary>
/// baresip (a real softphone, headless) calls a UAS built from CallRouter.Sip and CallRouter.Media,
/// hears a generated tone prompt (checked in the WAV baresip recorded) and presses a key that our
/// digit collector reports. Loopback only; every wait bounded; baresip killed by its own handle.
/// </summary>
public sealed class BaresipCallsIvrTests : IDisposable
{
    private const int SampleRate = 8000;
    private const double PromptFrequency = 1000;
    private const double CallerFrequency = 400;

    /// <summary>Half a second: enough for a level and a frequency, and tolerant of a loaded machine stalling the player.</summary>
    private const int MinimumHeardSamples = SampleRate / 2;
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(30);

    private static readonly DigitCollectionOptions OneDigit = new()
    {
        MaxDigits = 1,
        Terminators = string.Empty,
        FirstDigitTimeout = TimeSpan.FromSeconds(30),
        OverallTimeout = TimeSpan.FromSeconds(45),
    };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("callrouter-media-interop-");
    private readonly ITestOutputHelper _output;

    static BaresipCallsIvrTests()
    {
        // The paced player runs on thread-pool timers. In a fresh test host the pool starts with one
        // thread per core and the runner's own blocking waits starve it for about a second, so the
        // player skips frames (by design, to catch up with the wall clock) and the caller hears less
        // of the prompt. A hosted server is warm; give this process the same head start.
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(completion, 16));
    }

    public BaresipCallsIvrTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Nothing of ours is still open; the OS cleans temp eventually.
        }
    }

    [Fact]
    public async Task Baresip_HearsToneThenPressesKey_RecordsToneAndCollectorReportsDigit()
    {
        // Our prompt: a generated 2 s, 1 kHz tone written as a WAV file and loaded like any prompt.
        var promptPath = Path.Combine(_work.FullName, "tone-1000hz.wav");
        WavFile.Write(promptPath, Tone(PromptFrequency, TimeSpan.FromSeconds(2), amplitude: 8000));
        var prompt = WavFile.Read(promptPath).ToClip(G711Law.MuLaw);
        var promptPlayed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var uas = await IvrTestUas.StartAsync(async (leg, ct) =>
        {
            await leg.PlayAsync(prompt, cancellationToken: ct);
            promptPlayed.TrySetResult(leg.Statistics.PacketsSent);
            return await leg.CollectDigitsAsync(OneDigit, ct);
        });
        await using var baresip = BaresipProcess.Start(CallerAudio());
        await using var control = await baresip.ConnectAsync(s_step);

        await DialAsync(control, uas);
        var packetsSent = await promptPlayed.Task.WaitAsync(s_step);
        await PressAsync(control, '5');
        var collected = await uas.Collected.Task.WaitAsync(s_step);
        var ended = await HangUpAsync(control, uas);

        Assert.Equal(DigitCollectionOutcome.Completed, collected.Outcome);
        Assert.Equal("5", collected.Digits);
        Assert.Equal(0, uas.InfoRequests); // the digit came as RFC 4733 telephone-events, baresip's default
        Assert.Equal(CallEndReason.RemoteHangup, ended);

        var heard = ToneAnalysis.LoudestWindow(await ReadHeardAudioAsync(baresip), SampleRate / 2);
        double rms = ToneAnalysis.Rms(heard);
        double dominant = ToneAnalysis.DominantFrequency(heard, SampleRate);
        double tone = ToneAnalysis.GoertzelPower(heard, PromptFrequency, SampleRate);
        double caller = ToneAnalysis.GoertzelPower(heard, CallerFrequency, SampleRate);
        _output.WriteLine($"{packetsSent} RTP packets sent for the prompt; baresip's loudest 0.5 s: RMS {rms:F0}, dominant {dominant} Hz, 1 kHz/400 Hz power ratio {tone / Math.Max(caller, 1):E2}");
        _output.WriteLine(baresip.Output);
        Assert.True(rms > 1000, $"baresip heard no prompt: RMS of its loudest 0.5 s is {rms:F0}");
        Assert.InRange(dominant, PromptFrequency - 50, PromptFrequency + 50);
        Assert.True(tone > 100 * caller, $"1 kHz power {tone:E2} is not far above the 400 Hz power {caller:E2}");
    }

    [Fact]
    public async Task Baresip_PressesKeyDuringShippedMenuPrompt_BargesInAndCollectorReportsDigit()
    {
        // The real IVR step: the shipped model menu (about 10 s of speech) with barge-in.
        var menu = PromptLibrary.LoadEmbedded().Get(PromptIds.ModelMenu);
        long menuFrames = (menu.Samples.Length + 159) / 160;
        await using var uas = await IvrTestUas.StartAsync((leg, ct) => leg.PromptAndCollectAsync(menu, OneDigit, ct));
        await using var baresip = BaresipProcess.Start(CallerAudio());
        await using var control = await baresip.ConnectAsync(s_step);

        await DialAsync(control, uas);
        // Let the caller hear about a second of the menu, then press 3 in the middle of it.
        Assert.True(await EventuallyAsync(() => uas.Session is { } s && s.Statistics.PacketsSent >= 50, s_step), "the menu prompt did not start playing");
        await PressAsync(control, '3');
        var collected = await uas.Collected.Task.WaitAsync(s_step);
        long sentAtCollection = uas.Session!.Statistics.PacketsSent;
        var ended = await HangUpAsync(control, uas);

        Assert.Equal(DigitCollectionOutcome.Completed, collected.Outcome);
        Assert.Equal("3", collected.Digits);
        Assert.Equal(CallEndReason.RemoteHangup, ended);
        Assert.True(sentAtCollection < menuFrames, $"the prompt was not interrupted: {sentAtCollection} of {menuFrames} frames sent");

        var heard = ToneAnalysis.LoudestWindow(await ReadHeardAudioAsync(baresip), SampleRate / 2);
        double rms = ToneAnalysis.Rms(heard);
        _output.WriteLine($"{sentAtCollection} of {menuFrames} menu frames sent before barge-in; baresip's loudest 0.5 s: RMS {rms:F0}");
        _output.WriteLine(baresip.Output);
        Assert.True(rms > 300, $"baresip heard no speech: RMS of its loudest 0.5 s is {rms:F0}");
    }

    /// <summary>baresip's microphone: a quieter 400 Hz tone, so its own sent audio cannot be mistaken for ours.</summary>
    private string CallerAudio()
    {
        var path = Path.Combine(_work.FullName, "caller-400hz.wav");
        WavFile.Write(path, Tone(CallerFrequency, TimeSpan.FromSeconds(30), amplitude: 2000));
        return path;
    }

    private static async Task DialAsync(BaresipControl control, IvrTestUas uas)
    {
        var dialled = await control.CommandAsync("dial", $"sip:ivr@127.0.0.1:{uas.Port}", s_step);
        Assert.True((bool?)dialled["ok"] ?? false, $"dial refused: {dialled.ToJsonString()}");
        await control.WaitForEventAsync("CALL_ESTABLISHED", s_step);
    }

    private static async Task PressAsync(BaresipControl control, char key)
    {
        var sent = await control.CommandAsync("sndcode", key.ToString(), s_step);
        Assert.True((bool?)sent["ok"] ?? false, $"sndcode refused: {sent.ToJsonString()}\n{control.Transcript}");
    }

    private static async Task<CallEndReason> HangUpAsync(BaresipControl control, IvrTestUas uas)
    {
        await control.CommandAsync("hangup", null, s_step);
        await control.WaitForEventAsync("CALL_CLOSED", s_step);
        return await uas.Ended.Task.WaitAsync(s_step);
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>
    /// The samples baresip decoded from our RTP: sndfile's <c>dump-…-dec.wav</c>, complete once the
    /// call's audio is torn down (bounded wait).
    /// </summary>
    private static async Task<short[]> ReadHeardAudioAsync(BaresipProcess baresip)
    {
        var until = DateTime.UtcNow + s_step;
        string? problem = null;
        while (true)
        {
            var file = Directory.Exists(baresip.RecordingDirectory)
                ? Directory.GetFiles(baresip.RecordingDirectory, "*-dec.wav").FirstOrDefault()
                : null;
            if (file is not null)
            {
                try
                {
                    var audio = WavFile.Read(file);
                    Assert.Equal(WavFormat.Pcm16, audio.Format);
                    Assert.Equal(1, audio.Channels);
                    Assert.Equal(SampleRate, audio.SampleRate);
                    problem = $"{audio.SampleFrames} sample frames";
                    if (audio.SampleFrames >= MinimumHeardSamples)
                    {
                        var samples = new short[audio.SampleFrames];
                        Buffer.BlockCopy(audio.Data, 0, samples, 0, samples.Length * 2);
                        return samples;
                    }
                }
                catch (WavFormatException e)
                {
                    // Header not finalised yet; try again.
                    problem = e.Message;
                }
            }

            if (DateTime.UtcNow > until)
            {
                var listing = Directory.Exists(baresip.RecordingDirectory) ? string.Join(", ", Directory.GetFiles(baresip.RecordingDirectory).Select(f => $"{f} ({new FileInfo(f).Length} bytes)")) : "(none)";
                Assert.Fail($"baresip recorded no audio within {s_step.TotalSeconds} s ({problem}); files: {listing}\n{baresip.Output}");
            }

            await Task.Delay(100);
        }
    }

    private static WavAudio Tone(double frequency, TimeSpan duration, double amplitude)
    {
        int count = (int)(duration.TotalSeconds * SampleRate);
        var data = new byte[count * 2];
        for (int i = 0; i < count; i++)
        {
            var sample = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
            data[2 * i] = (byte)sample;
            data[(2 * i) + 1] = (byte)(sample >> 8);
        }

        return new WavAudio(WavFormat.Pcm16, 1, SampleRate, data);
    }
}
