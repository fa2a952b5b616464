using System.Text.Json;
using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Notices;

/// <summary>
/// The PTAS's pushed "cannot reach Mfr TS" notice, as the simulator's --notify-url sends it:
/// <c>{"tag":"1001","pagerId":"MFRTS","callerId":"+18005550199","status":"UNREACHABLE"}</c>.
/// </summary>
public sealed record PtasNotice(string Tag, string? PagerId, string? CallerId)
{
    /// <summary>Largest body read; a real notice is under 200 bytes.</summary>
    public const int MaxBytes = 4096;
    private const int MaxFieldLength = 100;

    /// <summary>What the desk records about the notice (no secrets: tag, pager and caller only).</summary>
    public string Detail => $"PTAS notice: page {Tag} to {PagerId ?? "?"} for {CallerId ?? "?"}";

    /// <summary>Reads a notice body.</summary>
    /// <exception cref="EscalationException">InvalidArgument, naming what is wrong with the body.</exception>
    public static PtasNotice Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw Invalid($"The notice is larger than {MaxBytes} bytes.");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw Invalid($"The notice is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The notice must be a JSON object with \"tag\" and \"status\".");
            }

            var root = document.RootElement;
            var status = Text(root, "status", required: true)!;
            if (!status.Equals("UNREACHABLE", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid($"The notice status \"{status}\" is not one the desk acts on (only UNREACHABLE).");
            }

            return new PtasNotice(Text(root, "tag", required: true)!, Text(root, "pagerId", required: false), Text(root, "callerId", required: false));
        }
    }

    private static string? Text(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Invalid($"The notice has no \"{name}\".") : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"The notice's \"{name}\" must be a string, not {value.ValueKind}.");
        }

        var text = value.GetString()!.Trim();
        if (required && text.Length == 0)
        {
            throw Invalid($"The notice's \"{name}\" is empty.");
        }

        if (text.Length > MaxFieldLength || text.Any(char.IsControl))
        {
            throw Invalid($"The notice's \"{name}\" is longer than {MaxFieldLength} characters or holds control characters.");
        }

        return text;
    }

    private static EscalationException Invalid(string message) => new(EscalationErrorCode.InvalidArgument, message);
}
