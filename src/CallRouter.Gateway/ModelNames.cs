using CallRouter.Routing;

namespace CallRouter.Gateway;

/// <summary>
/// Tolerant machine model names (SPEC R1): case, spaces and hyphens are ignored, so "ns 100", "NS-100" and
/// "ns100" are all NS100. The gateway normalises before it asks the core, so the IVR can skip the model menu.
/// </summary>
public static class ModelNames
{
    /// <summary>The model behind each digit of the IVR's model menu; 9 ("other") is deliberately absent.</summary>
    public static IReadOnlyDictionary<char, string> MenuDigits { get; } = new Dictionary<char, string>
    {
        ['1'] = "NS-5",
        ['2'] = "NS Remote",
        ['3'] = "NS10",
        ['4'] = "NS100",
    };

    /// <summary>True with the display name for one of the four known models; false for anything else.</summary>
    public static bool TryNormalise(string? text, out string model)
    {
        bool known = MachineModelNames.TryParse(text, out MachineModel parsed);
        model = known ? MachineModelNames.ToDisplayName(parsed) : "";
        return known;
    }
}
