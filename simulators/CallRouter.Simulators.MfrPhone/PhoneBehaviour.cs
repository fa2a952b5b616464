using System.Globalization;

namespace CallRouter.Simulators.MfrPhone;

/// <summary>
/// One scripted answer to a call, written <c>answer-after S</c>, <c>never</c>, <c>busy</c> or
/// <c>answer-no-ack [S]</c> (S = seconds of ringing before the answer).
/// </summary>
public sealed record PhoneBehaviour(PhoneBehaviourKind Kind, TimeSpan AnswerAfter)
{
    public const string Syntax = "\"answer-after S\", \"never\", \"busy\" or \"answer-no-ack [S]\"";

    public static PhoneBehaviour Parse(string? text)
    {
        text ??= "";
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException($"behaviour is empty: write {Syntax}.");
        }

        var kind = parts[0].ToLowerInvariant() switch
        {
            "answer-after" => PhoneBehaviourKind.AnswerAfter,
            "never" => PhoneBehaviourKind.Never,
            "busy" => PhoneBehaviourKind.Busy,
            "answer-no-ack" => PhoneBehaviourKind.AnswerNoAck,
            _ => throw new FormatException($"behaviour \"{text}\": unknown \"{parts[0]}\"; write {Syntax}."),
        };
        int maxNumbers = kind is PhoneBehaviourKind.AnswerAfter or PhoneBehaviourKind.AnswerNoAck ? 1 : 0;
        int minNumbers = kind == PhoneBehaviourKind.AnswerAfter ? 1 : 0;
        if (parts.Length - 1 < minNumbers || parts.Length - 1 > maxNumbers)
        {
            throw new FormatException($"behaviour \"{text}\": {parts[0]} takes {(maxNumbers == 0 ? "no number" : minNumbers == 1 ? "one number of seconds" : "at most one number of seconds")}.");
        }

        var after = parts.Length > 1 ? Seconds(parts[1], text) : TimeSpan.Zero;
        return new PhoneBehaviour(kind, after);
    }

    public override string ToString() => Kind switch
    {
        PhoneBehaviourKind.AnswerAfter => $"answer-after {AnswerAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)}",
        PhoneBehaviourKind.Never => "never",
        PhoneBehaviourKind.Busy => "busy",
        _ => $"answer-no-ack {AnswerAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)}",
    };

    private static TimeSpan Seconds(string value, string text) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 86_400
            ? TimeSpan.FromSeconds(s)
            : throw new FormatException($"behaviour \"{text}\": \"{value}\" is not a number of seconds (0 to 86400).");
}
