namespace CallRouter.Gateway;

/// <summary>Reads <see cref="CallerContext"/> from an INVITE's headers using the configured header names (SPEC R1).</summary>
public sealed class CallerContextReader
{
    // Header values end up in the case and in agents' screens: keep them short and printable.
    private const int MaxValueLength = 64;
    private readonly ContextHeaderNames _names;
    private readonly HashSet<string> _manufacturerNumbers;

    public CallerContextReader(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _names = options.Headers;
        _manufacturerNumbers = new HashSet<string>(options.ManufacturerNumbers.Select(Digits), StringComparer.Ordinal);
    }

    /// <param name="header">Looks a header up by name (null when absent).</param>
    /// <param name="callingUser">The user part of the From URI (the calling number).</param>
    public CallerContext Read(Func<string, string?> header, string? callingUser)
    {
        ArgumentNullException.ThrowIfNull(header);
        string? rawModel = Clean(header(_names.Model));
        string? model = ModelNames.TryNormalise(rawModel, out string normalised) ? normalised : null;
        string callingDigits = Digits(callingUser ?? "");
        bool fromManufacturer = callingDigits.Length > 0 && _manufacturerNumbers.Contains(callingDigits);
        return new CallerContext(
            model,
            rawModel,
            Clean(header(_names.Serial)) ?? "",
            Clean(header(_names.Account)) ?? "",
            Clean(header(_names.Callback)) ?? callingUser ?? "",
            Clean(header(_names.Problem)) ?? "",
            fromManufacturer);
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (trimmed.Length > MaxValueLength) trimmed = trimmed[..MaxValueLength];
        return new string(trimmed.Where(c => !char.IsControl(c)).ToArray());
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());
}
