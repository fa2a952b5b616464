using CallRouter.Media.Dtmf;

namespace CallRouter.Gateway;

/// <summary>The caller's ear and keypad as the IVR and hold flows see them.</summary>
public interface ICallerChannel
{
    /// <summary>Plays a prompt to its end (or until cancelled).</summary>
    Task PlayAsync(Prompt prompt, CancellationToken cancellationToken);

    /// <summary>Plays a prompt and collects digits; a digit pressed during the prompt stops it (barge-in).</summary>
    Task<DigitCollectionResult> PromptAndCollectAsync(Prompt prompt, DigitCollectionOptions options, CancellationToken cancellationToken);

    /// <summary>Plays music on hold in a loop until cancelled; completes (or throws OperationCanceledException) once the music has stopped.</summary>
    Task HoldMusicAsync(CancellationToken cancellationToken);
}
