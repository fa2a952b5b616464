namespace CallRouter.Gateway;

/// <summary>The SIP headers in which the manufacturer's switch passes call context (SPEC R1).</summary>
public sealed class ContextHeaderNames
{
    public string Model { get; set; } = "X-NS-Model";

    public string Serial { get; set; } = "X-NS-Serial";

    public string Account { get; set; } = "X-NS-Account";

    public string Callback { get; set; } = "X-NS-Callback";

    public string Problem { get; set; } = "X-NS-Problem";
}
