using CallRouter.Media.Audio;
using CallRouter.Media.Dtmf;

namespace CallRouter.Gateway;

/// <summary>
/// The IVR menus of SPEC R3, top to bottom: greeting; model (only when the switch did not say); problem
/// number or "#"; severity with its definitions and a confirmation. Silence and wrong digits are answered
/// with a prompt and the menu again, up to <see cref="IvrOptions.MaxAttempts"/> times.
/// </summary>
public sealed class IvrDialogue
{
    private readonly ICallerChannel _caller;
    private readonly IvrOptions _options;

    public IvrDialogue(ICallerChannel caller, IvrOptions options)
    {
        _caller = caller;
        _options = options;
    }

    public async Task<IvrResult> RunAsync(CallerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _caller.PlayAsync(Prompt.Of(PromptIds.Greeting), cancellationToken).ConfigureAwait(false);

        string? model = context.Model;
        if (model is null)
        {
            char? choice = await AskOneDigitAsync(Prompt.Of(PromptIds.ModelMenu), "12349", cancellationToken).ConfigureAwait(false);
            if (choice is null) return await GiveUpAsync(cancellationToken).ConfigureAwait(false);
            if (choice == '9') return IvrResult.Return;
            model = ModelNames.MenuDigits[choice.Value];
        }

        string problemNumber = context.ProblemNumber;
        if (problemNumber.Length == 0)
        {
            problemNumber = await AskProblemNumberAsync(cancellationToken).ConfigureAwait(false);
        }

        int? severity = await AskSeverityAsync(cancellationToken).ConfigureAwait(false);
        if (severity is null) return await GiveUpAsync(cancellationToken).ConfigureAwait(false);
        return new IvrResult(IvrOutcome.Completed, model, problemNumber, severity.Value);
    }

    /// <summary>
    /// "Enter your problem number and #, or just # for a new problem". Returns the digits, or "" for a new
    /// problem; a caller who stays silent through every attempt is treated as having a new problem rather
    /// than being cut off.
    /// </summary>
    public async Task<string> AskProblemNumberAsync(CancellationToken cancellationToken)
    {
        var collect = Collection(_options.MaxProblemNumberDigits, "#");
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var result = await _caller.PromptAndCollectAsync(Prompt.Of(PromptIds.ProblemNumberMenu), collect, cancellationToken).ConfigureAwait(false);
            if (result.Outcome is DigitCollectionOutcome.Terminated or DigitCollectionOutcome.Completed && result.Digits.All(char.IsAsciiDigit))
            {
                return result.Digits;
            }

            if (!result.TimedOut || result.Digits.Length > 0)
            {
                await _caller.PlayAsync(Prompt.Of(PromptIds.InvalidEntry), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _caller.PlayAsync(Prompt.Of(PromptIds.NoInput), cancellationToken).ConfigureAwait(false);
            }
        }

        return "";
    }

    /// <summary>The core refused the number (wrong check digit, no such case): say so and ask again.</summary>
    public async Task<string> AskProblemNumberAgainAsync(CancellationToken cancellationToken)
    {
        await _caller.PlayAsync(Prompt.Of(PromptIds.InvalidEntry), cancellationToken).ConfigureAwait(false);
        return await AskProblemNumberAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int?> AskSeverityAsync(CancellationToken cancellationToken)
    {
        // One budget for the whole severity step, so "2 to choose again" cannot loop forever.
        int attemptsLeft = _options.MaxAttempts * 2;
        while (attemptsLeft > 0)
        {
            char? chosen = await AskOneDigitAsync(Prompt.Of(PromptIds.SeverityMenu), "1234", cancellationToken).ConfigureAwait(false);
            if (chosen is null) return null;
            int severity = chosen.Value - '0';
            attemptsLeft--;

            char? confirm = await AskOneDigitAsync(Prompt.SeverityConfirmation(severity), "12", cancellationToken).ConfigureAwait(false);
            if (confirm is null) return null;
            if (confirm == '1') return severity;
            attemptsLeft--;
        }

        return null;
    }

    /// <summary>One digit among <paramref name="valid"/>, retrying on silence and wrong digits; null after the last attempt.</summary>
    private async Task<char?> AskOneDigitAsync(Prompt prompt, string valid, CancellationToken cancellationToken)
    {
        var collect = Collection(1, "");
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var result = await _caller.PromptAndCollectAsync(prompt, collect, cancellationToken).ConfigureAwait(false);
            if (result.Digits.Length == 1 && valid.Contains(result.Digits[0], StringComparison.Ordinal)) return result.Digits[0];
            var complaint = result.Digits.Length == 0 ? PromptIds.NoInput : PromptIds.InvalidEntry;
            await _caller.PlayAsync(Prompt.Of(complaint), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<IvrResult> GiveUpAsync(CancellationToken cancellationToken)
    {
        await _caller.PlayAsync(Prompt.Of(PromptIds.Goodbye), cancellationToken).ConfigureAwait(false);
        return IvrResult.GaveUp;
    }

    private DigitCollectionOptions Collection(int maxDigits, string terminators) => new()
    {
        MaxDigits = maxDigits,
        Terminators = terminators,
        FirstDigitTimeout = _options.FirstDigitTimeout,
        InterDigitTimeout = _options.InterDigitTimeout,
        OverallTimeout = _options.OverallTimeout,
    };
}
