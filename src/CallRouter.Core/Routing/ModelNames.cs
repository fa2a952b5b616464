using CallRouter.Routing;

namespace CallRouter.Core.Routing;

/// <summary>
/// Model names as people and switches write them ("NS-5", "ns 5", "NS REMOTE", "NSRemote",
/// "ns100") mapped to <see cref="MachineModel"/>: case, spaces, hyphens and underscores are
/// ignored (SPEC R1).
/// </summary>
public static class ModelNames
{
    public static bool TryParse(string? text, out MachineModel model)
    {
        model = MachineModel.Unspecified;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> folded = stackalloc char[Math.Min(text.Length, 32)];
        int length = 0;
        foreach (char c in text)
        {
            if (c is ' ' or '-' or '_' or '\t')
            {
                continue;
            }

            if (length == folded.Length)
            {
                return false;
            }

            folded[length++] = char.ToUpperInvariant(c);
        }

        model = folded[..length] switch
        {
            "NS5" => MachineModel.Ns5,
            "NSREMOTE" => MachineModel.NsRemote,
            "NS10" => MachineModel.Ns10,
            "NS100" => MachineModel.Ns100,
            _ => MachineModel.Unspecified,
        };
        return model != MachineModel.Unspecified;
    }

    /// <summary>The manufacturer's own spelling, for prompts, logs and reports.</summary>
    public static string Display(MachineModel model) => model switch
    {
        MachineModel.Ns5 => "NS-5",
        MachineModel.NsRemote => "NS Remote",
        MachineModel.Ns10 => "NS10",
        MachineModel.Ns100 => "NS100",
        _ => "unspecified",
    };
}
