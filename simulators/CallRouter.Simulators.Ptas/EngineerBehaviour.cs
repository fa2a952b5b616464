using System.Globalization;

namespace CallRouter.Simulators.Ptas;

/// <summary>
/// One scripted engineer, written as a line: <c>&lt;pager-id|*&gt; &lt;behaviour&gt; [name]</c> where behaviour is
/// <c>answer-after M</c>, <c>never</c> or <c>answer-then-drop M D</c> (minutes of simulated time).
/// </summary>
public sealed record EngineerBehaviour(string PagerId, EngineerBehaviourKind Kind, TimeSpan AnswerAfter, TimeSpan DropAfter, string Name)
{
    public static EngineerBehaviour Parse(string line)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException($"engineer \"{line}\": write \"<pager-id> answer-after <min> [name]\", \"<pager-id> never [name]\" or \"<pager-id> answer-then-drop <min> <min> [name]\".");
        }

        var kind = parts[1].ToLowerInvariant() switch
        {
            "answer-after" => EngineerBehaviourKind.AnswerAfter,
            "never" => EngineerBehaviourKind.Never,
            "answer-then-drop" => EngineerBehaviourKind.AnswerThenDrop,
            _ => throw new FormatException($"engineer \"{line}\": unknown behaviour \"{parts[1]}\" (answer-after, never, answer-then-drop)."),
        };
        var numbers = kind switch
        {
            EngineerBehaviourKind.AnswerAfter => 1,
            EngineerBehaviourKind.AnswerThenDrop => 2,
            _ => 0,
        };
        if (parts.Length < 2 + numbers)
        {
            throw new FormatException($"engineer \"{line}\": {parts[1]} needs {numbers} number(s) of minutes.");
        }

        var answer = numbers >= 1 ? Minutes(parts[2], line) : TimeSpan.Zero;
        var drop = numbers >= 2 ? Minutes(parts[3], line) : TimeSpan.Zero;
        var name = parts.Length > 2 + numbers ? string.Join(' ', parts[(2 + numbers)..]) : $"engineer-{parts[0]}";
        return new EngineerBehaviour(parts[0], kind, answer, drop, name);
    }

    private static TimeSpan Minutes(string text, string line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0
            ? TimeSpan.FromMinutes(m)
            : throw new FormatException($"engineer \"{line}\": \"{text}\" is not a number of minutes.");
}
