using System.Globalization;
using CallRouter.Media.Codecs;

namespace CallRouter.Media.Audio;

/// <summary>
/// The IVR prompts, loaded once and shared by every call: the set embedded in this assembly,
/// optionally overridden file by file from a configured directory (prompts are configurable,
/// SPEC R3). Also composes spoken sequences: digits, problem numbers, queue position and wait.
/// </summary>
public sealed class PromptLibrary
{
    private static readonly TimeSpan DigitGap = TimeSpan.FromMilliseconds(120);
    private readonly Dictionary<string, AudioClip> _clips;

    private PromptLibrary(Dictionary<string, AudioClip> clips)
    {
        _clips = clips;
    }

    public IReadOnlyCollection<string> Ids => _clips.Keys;

    /// <summary>Loads the prompts shipped inside the assembly.</summary>
    public static PromptLibrary LoadEmbedded()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        const string prefix = "CallRouter.Media.Prompts.";
        var clips = new Dictionary<string, AudioClip>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".wav", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            clips[name[prefix.Length..^4]] = WavFile.Read(stream).ToClip(G711Law.MuLaw);
        }

        return new PromptLibrary(clips);
    }

    /// <summary>The embedded set with any <c>&lt;id&gt;.wav</c> in <paramref name="directory"/> taking precedence.</summary>
    public static PromptLibrary LoadWithOverrides(string directory)
    {
        var library = LoadEmbedded();
        foreach (var path in Directory.EnumerateFiles(directory, "*.wav"))
        {
            try
            {
                library._clips[Path.GetFileNameWithoutExtension(path)] = WavFile.Read(path).ToClip(G711Law.MuLaw);
            }
            catch (WavFormatException ex)
            {
                throw new WavFormatException($"Prompt override '{path}' is unusable: {ex.Message}", ex);
            }
        }

        return library;
    }

    public bool TryGet(string id, out AudioClip clip) => _clips.TryGetValue(id, out clip!);

    public AudioClip Get(string id) =>
        _clips.TryGetValue(id, out var clip) ? clip : throw new KeyNotFoundException($"No prompt named '{id}'.");

    /// <summary>Digits spoken one by one with a short gap, e.g. a problem number read back.</summary>
    public AudioClip Digits(string digits)
    {
        var parts = new List<AudioClip>();
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException($"'{digits}' contains a character that cannot be spoken as a digit.", nameof(digits));
            }

            if (parts.Count > 0)
            {
                parts.Add(AudioClip.Silence(G711Law.MuLaw, DigitGap));
            }

            parts.Add(Get(PromptIds.Digit(c - '0')));
        }

        return AudioClip.Concat(G711Law.MuLaw, parts);
    }

    /// <summary>"Your problem number is 1 2 3 4" (A5 5.0: the end user is given the problem number).</summary>
    public AudioClip ProblemNumber(string number) =>
        AudioClip.Concat(G711Law.MuLaw, [Get(PromptIds.ProblemNumberIs), Digits(number)]);

    /// <summary>"You chose severity N. Press 1 to confirm, 2 to choose again."</summary>
    public AudioClip SeverityConfirmation(int severity) =>
        AudioClip.Concat(G711Law.MuLaw, [Get(PromptIds.SeverityChosen), Digits(severity.ToString(CultureInfo.InvariantCulture)), Get(PromptIds.SeverityConfirm)]);

    /// <summary>"You are caller number N in the queue. Expected wait, about M minutes." Numbers are read digit by digit.</summary>
    public AudioClip QueueAnnouncement(int position, TimeSpan expectedWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var parts = new List<AudioClip>
        {
            Get(PromptIds.QueuePosition),
            Digits(position.ToString(CultureInfo.InvariantCulture)),
            Get(PromptIds.InQueue),
            Get(PromptIds.ExpectedWait),
        };
        var minutes = (int)Math.Ceiling(expectedWait.TotalMinutes);
        if (expectedWait < TimeSpan.FromMinutes(1))
        {
            parts.Add(Get(PromptIds.LessThanAMinute));
        }
        else
        {
            parts.Add(Digits(minutes.ToString(CultureInfo.InvariantCulture)));
            parts.Add(Get(PromptIds.Minutes));
        }

        return AudioClip.Concat(G711Law.MuLaw, parts);
    }
}
