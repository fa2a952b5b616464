using CallRouter.Media;
using CallRouter.Media.Audio;
using CallRouter.Media.Dtmf;

namespace CallRouter.Gateway;

/// <summary>The caller's channel over a real media leg: prompts from the engine's prompt set, digits from RFC 4733 or SIP INFO.</summary>
public sealed class MediaCallerChannel : ICallerChannel
{
    private readonly MediaSession _leg;
    private readonly PromptLibrary _prompts;

    public MediaCallerChannel(MediaSession leg, PromptLibrary prompts)
    {
        _leg = leg;
        _prompts = prompts;
    }

    public Task PlayAsync(Prompt prompt, CancellationToken cancellationToken) =>
        _leg.PlayAsync(ToAudio(prompt), null, cancellationToken);

    public Task<DigitCollectionResult> PromptAndCollectAsync(Prompt prompt, DigitCollectionOptions options, CancellationToken cancellationToken) =>
        _leg.PromptAndCollectAsync(ToAudio(prompt), options, cancellationToken);

    public Task HoldMusicAsync(CancellationToken cancellationToken) =>
        _leg.PlayAsync(_prompts.Get(PromptIds.HoldMusic), new PlaybackOptions { Loop = true }, cancellationToken);

    private AudioClip ToAudio(Prompt prompt) => prompt.Id switch
    {
        Prompt.ProblemNumberReadBackId => _prompts.ProblemNumber(new string(prompt.Digits.Where(char.IsAsciiDigit).ToArray())),
        Prompt.SeverityConfirmationId => _prompts.SeverityConfirmation(prompt.Number),
        Prompt.QueueAnnouncementId => _prompts.QueueAnnouncement(Math.Max(1, prompt.Number), prompt.Wait),
        _ => _prompts.Get(prompt.Id),
    };
}
