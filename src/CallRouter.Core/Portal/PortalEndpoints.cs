using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using CallRouter.Core.Escalations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CallRouter.Core.Portal;

/// <summary>
/// The manufacturer TS web portal (SPEC R9, A5 5.0: "a web-enabled desktop") on the HTTP
/// endpoint: plain server-rendered pages over the same case service as gRPC, so the domain's
/// rules (own end users only, status and corrective-action notes, hand-back) apply unchanged.
/// Forms post and redirect (no script needed).
/// </summary>
public static class PortalEndpoints
{
    public static IEndpointRouteBuilder MapManufacturerPortal(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder portal = endpoints.MapGroup("/portal").AllowAnonymous();
        portal.MapGet("/", (HttpContext http) => Results.Redirect("/portal/cases"));
        portal.MapGet("/login", (HttpContext http) => Html(http, PortalPages.Login(null)));
        portal.MapPost("/login", LoginAsync);
        portal.MapPost("/logout", LogoutAsync);
        portal.MapGet("/cases", ListAsync);
        portal.MapGet("/cases/{number}", DetailAsync);
        portal.MapPost("/cases/{number}/notes", AddNoteAsync);
        portal.MapPost("/cases/{number}/handback", HandBackAsync);
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, UserDirectory users, TokenIssuer tokens)
    {
        IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
        string user = form["user"].ToString().Trim();
        string password = form["password"].ToString();
        UserAccount? account = user.Length is > 0 and <= 100 && password.Length is > 0 and <= 1000 ? users.Authenticate(user, password) : null;
        if (account is null)
        {
            return Html(http, PortalPages.Login("Wrong user name or password.", user.Length <= 100 ? user : ""), StatusCodes.Status401Unauthorized);
        }

        if (!account.Roles.Contains(Roles.Manufacturer))
        {
            return Html(http, PortalPages.Login("This portal is for manufacturer technical support; the desk works from its consoles.", user), StatusCodes.Status403Forbidden);
        }

        PortalSession.Start(http, tokens.Issue(account));
        return Results.Redirect("/portal/cases");
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, TokenIssuer tokens, CaseOptions options)
    {
        PortalSession? session = PortalSession.From(http, tokens, options);
        IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (session is not null && session.Accepts(form) && http.Request.Cookies.TryGetValue(PortalSession.TokenCookie, out string? token) && token is not null)
        {
            tokens.Revoke(token);
        }

        PortalSession.End(http);
        return Results.Redirect("/portal/login");
    }

    private static async Task<IResult> ListAsync(HttpContext http, TokenIssuer tokens, CaseOptions options, CaseService cases)
    {
        if (PortalSession.From(http, tokens, options) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        return await Guard(http, session, async () =>
            Html(http, PortalPages.CaseList(session, await cases.ListCasesAsync(session.Actor, new CaseQuery { Limit = CaseQuery.MaxLimit }, http.RequestAborted))));
    }

    private static async Task<IResult> DetailAsync(HttpContext http, string number, TokenIssuer tokens, CaseOptions options, CaseService cases)
    {
        if (PortalSession.From(http, tokens, options) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        return await Guard(http, session, async () =>
            Html(http, PortalPages.CaseDetail(session, await cases.GetCaseAsync(session.Actor, ProblemNumber.Parse(number), http.RequestAborted), null)));
    }

    private static Task<IResult> AddNoteAsync(HttpContext http, string number, TokenIssuer tokens, CaseOptions options, CaseService cases) =>
        PostAsync(http, number, tokens, options, cases, async (session, problem, form) =>
        {
            NoteKind kind = form["kind"].ToString() switch
            {
                "Status" => NoteKind.Status,
                "CorrectiveAction" => NoteKind.CorrectiveAction,
                _ => throw new CaseException(CaseErrorCode.InvalidArgument, "Choose Status or Corrective action."),
            };
            await cases.AddNoteAsync(session.Actor, problem, kind, Text(form["text"].ToString()), http.RequestAborted);
        });

    private static Task<IResult> HandBackAsync(HttpContext http, string number, TokenIssuer tokens, CaseOptions options, CaseService cases) =>
        PostAsync(http, number, tokens, options, cases, async (session, problem, form) =>
        {
            HandBackReason reason = form["reason"].ToString() switch
            {
                "ForClosure" => HandBackReason.ForClosure,
                "ForFurtherWork" => HandBackReason.ForFurtherWork,
                _ => throw new CaseException(CaseErrorCode.InvalidArgument, "Choose why the case goes back to the desk."),
            };
            string note = Text(form["note"].ToString());
            await cases.HandBackAsync(session.Actor, problem, reason, note, http.RequestAborted);
            await http.RequestServices.GetRequiredService<CaseEscalations>().CaseHandedBackAsync(problem, session.Actor.UserId, note, http.RequestAborted);
        });

    /// <summary>A form post: signed in, same-site form, the action, then back to the case (or the case with the error).</summary>
    private static async Task<IResult> PostAsync(HttpContext http, string number, TokenIssuer tokens, CaseOptions options, CaseService cases,
        Func<PortalSession, ProblemNumber, IFormCollection, Task> action)
    {
        if (PortalSession.From(http, tokens, options) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!session.Accepts(form))
        {
            return Html(http, PortalPages.Problem(session, "Refused", "This form did not come from your portal session; reload the page and try again."), StatusCodes.Status400BadRequest);
        }

        return await Guard(http, session, async () =>
        {
            ProblemNumber problem = ProblemNumber.Parse(number);
            try
            {
                await action(session, problem, form);
            }
            catch (CaseException refused) when (refused.Code is CaseErrorCode.InvalidArgument or CaseErrorCode.InvalidTransition or CaseErrorCode.PermissionDenied)
            {
                // Show the case again with the reason; nothing was changed.
                CaseDetail detail = await cases.GetCaseAsync(session.Actor, problem, http.RequestAborted);
                return Html(http, PortalPages.CaseDetail(session, detail, refused.Message), StatusOf(refused.Code));
            }

            return Results.Redirect("/portal/cases/" + problem.Digits);
        });
    }

    private static async Task<IResult> Guard(HttpContext http, PortalSession session, Func<Task<IResult>> page)
    {
        try
        {
            return await page();
        }
        catch (CaseException refused)
        {
            return Html(http, PortalPages.Problem(session, refused.Code == CaseErrorCode.NotFound ? "Not found" : "Refused", refused.Message), StatusOf(refused.Code));
        }
    }

    private static string Text(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new CaseException(CaseErrorCode.InvalidArgument, "Write the note first.")
        : value.Length > 4000 ? throw new CaseException(CaseErrorCode.InvalidArgument, "A note is at most 4000 characters.")
        : value.Trim();

    private static int StatusOf(CaseErrorCode code) => code switch
    {
        CaseErrorCode.NotFound => StatusCodes.Status404NotFound,
        CaseErrorCode.PermissionDenied => StatusCodes.Status403Forbidden,
        CaseErrorCode.InvalidTransition or CaseErrorCode.Conflict or CaseErrorCode.AlreadyExists => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    private static IResult Html(HttpContext http, string page, int status = StatusCodes.Status200OK)
    {
        // Nothing but our own forms and inline style; never framed, never cached (case data).
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: status);
    }
}
