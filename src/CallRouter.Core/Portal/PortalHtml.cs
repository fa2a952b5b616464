using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CallRouter.Core.Portal;

/// <summary>Small HTML building blocks; every piece of data goes through the HTML encoder.</summary>
internal static class PortalHtml
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string When(DateTimeOffset? instant) =>
        instant is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Page(string title, string body, string? user = null, string? csrf = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title)).Append(" — CallRouter Mfr TS portal</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.error{color:#a00;font-weight:bold}")
            .Append("header{display:flex;justify-content:space-between;align-items:center}</style></head><body><header><h1>")
            .Append(E(title)).Append("</h1>");
        if (user is not null && csrf is not null)
        {
            html.Append("<form method=\"post\" action=\"/portal/logout\"><span id=\"signed-in\">").Append(E(user))
                .Append("</span> ").Append(Csrf(csrf)).Append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form>");
        }

        return html.Append("</header>").Append(body).Append("</body></html>").ToString();
    }

    public static string Csrf(string token) => $"<input type=\"hidden\" name=\"csrf\" value=\"{E(token)}\">";

    public static string Error(string? message) =>
        string.IsNullOrEmpty(message) ? "" : $"<p class=\"error\" id=\"error\" role=\"alert\">{E(message)}</p>";
}
