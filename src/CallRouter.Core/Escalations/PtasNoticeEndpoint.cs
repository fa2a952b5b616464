using CallRouter.Escalation;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Notices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CallRouter.Core.Escalations;

/// <summary>
/// <c>POST /escalation/ptas/unreachable</c> on the HTTP/1.1 listener: the PTAS pushes "cannot
/// reach Mfr TS" for a page (SOW-A 6.1 item 3) and the desk moves on at once — desk told,
/// closure deferred, next contact paged — instead of waiting for the next status poll. Not a
/// user login: protected by <see cref="PtasNoticeAccess"/> (peer allow-list, optional shared
/// token). Answers: 200 acted on, 400 malformed body, 401 bad token, 403 peer not allowed,
/// 404 no open escalation has that page out, 503 try again (the notice was not recorded).
/// </summary>
public static class PtasNoticeEndpoint
{
    public const string Path = "/escalation/ptas/unreachable";

    public static IEndpointRouteBuilder MapPtasNotices(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, PtasNoticeAccess access, EscalationService escalations,
        EscalationScheduler scheduler, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger("CallRouter.Escalation.PtasNotices");
        switch (access.Check(http.Connection.RemoteIpAddress, http.Request.Headers.Authorization.ToString()))
        {
            case PtasNoticeAccessResult.PeerNotAllowed:
                logger.LogWarning("PTAS notice refused: peer {Peer} is not allowed", http.Connection.RemoteIpAddress);
                return Problem(StatusCodes.Status403Forbidden, $"{http.Connection.RemoteIpAddress} may not send PTAS notices.");
            case PtasNoticeAccessResult.BadToken:
                logger.LogWarning("PTAS notice refused from {Peer}: missing or wrong token", http.Connection.RemoteIpAddress);
                return Problem(StatusCodes.Status401Unauthorized, "A PTAS notice needs the configured bearer token.");
        }

        PtasNotice notice;
        try
        {
            notice = PtasNotice.Parse(await ReadBodyAsync(http.Request, http.RequestAborted));
        }
        catch (EscalationException invalid)
        {
            logger.LogWarning("PTAS notice refused: {Reason}", invalid.Message);
            return Problem(StatusCodes.Status400BadRequest, invalid.Message);
        }

        try
        {
            EscalationRecord escalation = await escalations.ReportUnreachableAsync(notice.Tag, notice.Detail, http.RequestAborted);

            // The desk notice, the deferral and the next page are in the outbox: send them now.
            scheduler.Wake();
            logger.LogInformation("PTAS notice for page {Tag} recorded on escalation {EscalationId}, now {State}", notice.Tag, escalation.Id, escalation.State);
            return Results.Json(new { escalationId = escalation.Id, problemNumber = escalation.ProblemNumber, state = escalation.State.ToString(), contactIndex = escalation.ContactIndex });
        }
        catch (EscalationException refused) when (refused.Code == EscalationErrorCode.UnknownEscalation)
        {
            logger.LogWarning("PTAS notice for page {Tag} matches no open escalation", notice.Tag);
            return Problem(StatusCodes.Status404NotFound, refused.Message);
        }
        catch (EscalationException refused) when (refused.Code == EscalationErrorCode.Conflict)
        {
            // Nothing was written; the sender retries (and the status poll covers it meanwhile).
            return Problem(StatusCodes.Status503ServiceUnavailable, "The escalation was changing; send the notice again.");
        }
    }

    /// <summary>Reads at most one byte more than a notice may hold, so an oversized body is refused without buffering it all.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > PtasNotice.MaxBytes)
        {
            throw new EscalationException(EscalationErrorCode.InvalidArgument, $"The notice is larger than {PtasNotice.MaxBytes} bytes.");
        }

        var buffer = new byte[PtasNotice.MaxBytes + 1];
        int total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    private static IResult Problem(int status, string detail) => Results.Json(new { error = detail }, statusCode: status);
}
