namespace CallRouter.Media.Audio;

/// <summary>Names of the shipped IVR prompts (file names without .wav under Prompts/).</summary>
public static class PromptIds
{
    public const string Greeting = "greeting";
    public const string ModelMenu = "model-menu";
    public const string ProblemNumberMenu = "problem-number-menu";
    public const string SeverityMenu = "severity-menu";
    public const string SeverityChosen = "severity-chosen";
    public const string SeverityConfirm = "severity-confirm";
    public const string ProblemNumberIs = "problem-number-is";
    public const string QueuePosition = "queue-position";
    public const string InQueue = "in-queue";
    public const string ExpectedWait = "expected-wait";
    public const string Minutes = "minutes";
    public const string LessThanAMinute = "less-than-a-minute";
    public const string VoicemailOffer = "voicemail-offer";
    public const string VoicemailInstructions = "voicemail-instructions";
    public const string VoicemailSaved = "voicemail-saved";
    public const string Beep = "beep";
    public const string HoldMusic = "hold-music";
    public const string InvalidEntry = "invalid-entry";
    public const string NoInput = "no-input";
    public const string Connecting = "connecting";
    public const string ReturnedToManufacturer = "returned-to-manufacturer";
    public const string Goodbye = "goodbye";

    public static string Digit(int digit) => digit is >= 0 and <= 9
        ? "digit-" + (char)('0' + digit)
        : throw new ArgumentOutOfRangeException(nameof(digit));

    /// <summary>Every prompt the gateway's call flows may ask for.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Greeting, ModelMenu, ProblemNumberMenu, SeverityMenu, SeverityChosen, SeverityConfirm, ProblemNumberIs,
        QueuePosition, InQueue, ExpectedWait, Minutes, LessThanAMinute, VoicemailOffer, VoicemailInstructions,
        VoicemailSaved, Beep, HoldMusic, InvalidEntry, NoInput, Connecting, ReturnedToManufacturer, Goodbye,
        .. Enumerable.Range(0, 10).Select(Digit),
    ];
}
