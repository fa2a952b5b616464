using CallRouter.Media.Audio;
using CallRouter.Media.Dtmf;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// What the Mfr TS engineer hears once the escalation call is answered, with the shipped prompts:
/// "Your problem number is 1 0 0 0 0 0 1 5. Press 1 to confirm, 2 to choose again." — 1 accepts
/// the case, 2 (or silence, or another key) repeats the announcement, up to
/// <see cref="ManufacturerPhoneOptions.MaxAnnouncements"/> times.
/// </summary>
public sealed class AcknowledgementDialogue(ManufacturerPhoneOptions options)
{
    public async Task<AcknowledgementOutcome> RunAsync(ICallerChannel engineer, string problemNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        var press = new DigitCollectionOptions
        {
            MaxDigits = 1,
            Terminators = "",
            FirstDigitTimeout = options.AcknowledgeTimeout,
            OverallTimeout = options.AcknowledgeTimeout,
        };

        try
        {
            for (var announcement = 1; announcement <= options.MaxAnnouncements; announcement++)
            {
                await engineer.PlayAsync(Prompt.ProblemNumberReadBack(problemNumber), cancellationToken).ConfigureAwait(false);
                var pressed = await engineer.PromptAndCollectAsync(Prompt.Of(PromptIds.SeverityConfirm), press, cancellationToken).ConfigureAwait(false);
                if (pressed.Digits.Length > 0 && pressed.Digits[0] == options.AcknowledgeDigit)
                {
                    return AcknowledgementOutcome.Acknowledged;
                }

                if (pressed.Digits.Length > 0 && pressed.Digits[0] != options.RepeatDigit)
                {
                    await engineer.PlayAsync(Prompt.Of(PromptIds.InvalidEntry), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return AcknowledgementOutcome.HungUp;
        }

        return AcknowledgementOutcome.NotAcknowledged;
    }
}
