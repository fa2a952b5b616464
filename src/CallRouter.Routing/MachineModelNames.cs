namespace CallRouter.Routing;

/// <summary>Display names and tolerant parsing of machine model names (SPEC R1: case, space and hyphen tolerant).</summary>
public static class MachineModelNames
{
    /// <summary>The manufacturer's spelling: NS-5, NS Remote, NS10, NS100.</summary>
    /// <param name="model">The model.</param>
    public static string ToDisplayName(MachineModel model) => model switch
    {
        MachineModel.Ns5 => "NS-5",
        MachineModel.NsRemote => "NS Remote",
        MachineModel.Ns10 => "NS10",
        MachineModel.Ns100 => "NS100",
        _ => model.ToString(),
    };

    /// <summary>
    /// Parses "NS-5", "ns 5", "NS5", "NS REMOTE", "ns-remote", "NS10", "NS 100" and the like: case, spaces,
    /// hyphens and underscores are ignored.
    /// </summary>
    /// <param name="text">The name as received.</param>
    /// <param name="model">The model, or <see cref="MachineModel.Unspecified"/> when not recognised.</param>
    /// <returns>True when recognised.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out MachineModel model)
    {
        Span<char> buffer = stackalloc char[16];
        var length = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '_' or '\t')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                model = MachineModel.Unspecified;
                return false;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        model = buffer[..length] switch
        {
            "NS5" => MachineModel.Ns5,
            "NSREMOTE" => MachineModel.NsRemote,
            "NS10" => MachineModel.Ns10,
            "NS100" => MachineModel.Ns100,
            _ => MachineModel.Unspecified,
        };
        return model != MachineModel.Unspecified;
    }
}
