using System.Globalization;

namespace CallRouter.Escalation.Snpp;

/// <summary>One SNPP reply line: a three-digit code and its text (RFC 1861 section 5).</summary>
public readonly record struct SnppReply(int Code, string Text)
{
    /// <summary>2xx: done; 8xx/9xx: level-3 two-way progress (86x delivered, 87x intermediate, 88x final, 96x queued).</summary>
    public bool IsSuccess => Code is >= 200 and < 300 or >= 800 and < 1000;

    public static SnppReply Parse(string line)
    {
        if (line.Length >= 3 && int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && (line.Length == 3 || line[3] == ' '))
        {
            return new SnppReply(code, line.Length > 4 ? line[4..] : "");
        }

        throw new FormatException($"not an SNPP reply: \"{Truncate(line)}\"");
    }

    public override string ToString() => $"{Code} {Text}";

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
