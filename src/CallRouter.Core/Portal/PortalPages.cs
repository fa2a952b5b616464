using System.Text;
using CallRouter.Cases.Domain;
using static CallRouter.Core.Portal.PortalHtml;

namespace CallRouter.Core.Portal;

/// <summary>The portal's pages (SPEC R9: sign in, case list, case detail, add a note, hand back).</summary>
internal static class PortalPages
{
    public static string Login(string? error, string userName = "") => Page("Sign in", $"""
        {Error(error)}
        <form method="post" action="/portal/login">
          <p><label for="user">User name</label> <input id="user" name="user" autocomplete="username" required value="{E(userName)}"></p>
          <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
          <p><button type="submit" id="sign-in">Sign in</button></p>
        </form>
        """);

    public static string CaseList(PortalSession session, IReadOnlyList<CaseRecord> cases)
    {
        var rows = new StringBuilder();
        foreach (CaseRecord c in cases)
        {
            rows.Append("<tr><td><a class=\"case-link\" href=\"/portal/cases/").Append(E(c.ProblemNumber.Digits)).Append("\">")
                .Append(E(c.ProblemNumber.ToString())).Append("</a></td><td class=\"state\">").Append(E(c.State.ToString()))
                .Append("</td><td>S").Append((int)c.Severity).Append("</td><td>").Append(E(c.CustomerAccount))
                .Append("</td><td>").Append(E(c.MachineModel)).Append("</td><td>").Append(When(c.OpenedAt))
                .Append("</td><td>").Append(When(c.UpdatedAt)).Append("</td></tr>");
        }

        string table = cases.Count == 0
            ? "<p id=\"no-cases\">No cases for your end users.</p>"
            : $"<table id=\"cases\"><thead><tr><th>Problem number</th><th>State</th><th>Severity</th><th>Account</th><th>Model</th><th>Opened</th><th>Updated</th></tr></thead><tbody>{rows}</tbody></table>";
        return Page("Your end users' cases", table, session.DisplayName, session.Csrf);
    }

    public static string CaseDetail(PortalSession session, CaseDetail detail, string? error)
    {
        CaseRecord c = detail.Case;
        string number = E(c.ProblemNumber.Digits);
        var body = new StringBuilder();
        body.Append("<p><a href=\"/portal/cases\">All cases</a></p>").Append(Error(error))
            .Append("<dl id=\"case\"><dt>State</dt><dd id=\"case-state\">").Append(E(c.State.ToString()))
            .Append("</dd><dt>Severity</dt><dd>S").Append((int)c.Severity)
            .Append("</dd><dt>Customer account</dt><dd>").Append(E(c.CustomerAccount))
            .Append("</dd><dt>Machine</dt><dd>").Append(E(c.MachineModel)).Append(' ').Append(E(c.SerialNumber))
            .Append("</dd><dt>Opened</dt><dd>").Append(When(c.OpenedAt)).Append("</dd></dl>");

        body.Append("<h2>Calls</h2><table id=\"calls\"><thead><tr><th>Call</th><th>Started</th><th>Answered</th><th>Ended</th><th>Outcome</th></tr></thead><tbody>");
        foreach (CallRecord call in detail.Calls)
        {
            string outcome = call.EndedAt is null ? "in progress" : call.Voicemail ? "voicemail" : call.IsAbandoned ? "abandoned" : "answered";
            body.Append("<tr><td>").Append(E(call.CallId)).Append("</td><td>").Append(When(call.StartedAt)).Append("</td><td>")
                .Append(When(call.AnsweredAt)).Append("</td><td>").Append(When(call.EndedAt)).Append("</td><td>").Append(outcome)
                .Append(call.FromManufacturer ? " (manufacturer call)" : "").Append("</td></tr>");
        }

        body.Append("</tbody></table><h2>Notes</h2><ul id=\"notes\">");
        foreach (CaseNote note in detail.Notes)
        {
            body.Append("<li><strong>").Append(E(note.Kind.ToString())).Append("</strong> ").Append(When(note.At)).Append(" by ")
                .Append(E(note.Author)).Append(": <span class=\"note-text\">").Append(E(note.Text)).Append("</span></li>");
        }

        body.Append("</ul><h2>Add status or corrective action</h2>")
            .Append("<form method=\"post\" action=\"/portal/cases/").Append(number).Append("/notes\">").Append(Csrf(session.Csrf))
            .Append("<p><label for=\"kind\">Kind</label> <select id=\"kind\" name=\"kind\"><option value=\"Status\">Status</option>")
            .Append("<option value=\"CorrectiveAction\">Corrective action</option></select></p>")
            .Append("<p><label for=\"text\">Text</label><br><textarea id=\"text\" name=\"text\" rows=\"3\" cols=\"80\" maxlength=\"4000\" required></textarea></p>")
            .Append("<p><button type=\"submit\" id=\"add-note\">Add note</button></p></form>");

        if (c.State == CaseState.EscalatedToManufacturer)
        {
            body.Append("<h2>Hand back to the desk</h2>")
                .Append("<form method=\"post\" action=\"/portal/cases/").Append(number).Append("/handback\">").Append(Csrf(session.Csrf))
                .Append("<p><label for=\"reason\">Reason</label> <select id=\"reason\" name=\"reason\"><option value=\"ForClosure\">Fixed: close the case</option>")
                .Append("<option value=\"ForFurtherWork\">Desk to continue</option></select></p>")
                .Append("<p><label for=\"handback-note\">Note</label><br><textarea id=\"handback-note\" name=\"note\" rows=\"3\" cols=\"80\" maxlength=\"4000\" required></textarea></p>")
                .Append("<p><button type=\"submit\" id=\"hand-back\">Hand back</button></p></form>");
        }

        body.Append("<h2>History</h2><table id=\"history\"><thead><tr><th>When</th><th>Who</th><th>What</th><th>Detail</th></tr></thead><tbody>");
        foreach (AuditEntry line in detail.Audit)
        {
            body.Append("<tr><td>").Append(When(line.At)).Append("</td><td>").Append(E(line.ActorId)).Append("</td><td>")
                .Append(E(line.Action)).Append("</td><td>").Append(E(line.Detail)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return Page("Case " + c.ProblemNumber, body.ToString(), session.DisplayName, session.Csrf);
    }

    public static string Problem(PortalSession? session, string title, string message) =>
        Page(title, Error(message) + "<p><a href=\"/portal/cases\">All cases</a></p>", session?.DisplayName, session?.Csrf);
}
