using System.Security.Claims;
using CallRouter.Cases.Domain;
using CallRouter.Core.Auth;
using Grpc.Core;

namespace CallRouter.Core.Cases;

/// <summary>
/// Turns an authenticated principal into the case domain's <see cref="Actor"/>. A user with
/// several roles acts with the strongest; Mfr TS users are bound to the configured manufacturer.
/// </summary>
public sealed class CaseActors(CaseOptions options)
{
    public string Manufacturer => options.Manufacturer;

    public Actor For(ClaimsPrincipal user)
    {
        string name = user.Identity?.Name ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "not signed in"));
        if (user.IsInRole(Roles.Admin))
        {
            return new Actor(name, Role.Administrator);
        }

        if (user.IsInRole(Roles.Supervisor))
        {
            return new Actor(name, Role.Supervisor);
        }

        if (user.IsInRole(Roles.AgentL2))
        {
            return new Actor(name, Role.L2Agent);
        }

        if (user.IsInRole(Roles.AgentL1))
        {
            return new Actor(name, Role.L1Agent);
        }

        if (user.IsInRole(Roles.Manufacturer))
        {
            return new Actor(name, Role.ManufacturerTs, options.Manufacturer);
        }

        // The gateway's service account has no business with cases outside intake.
        throw new RpcException(new Status(StatusCode.PermissionDenied, "this account has no case role"));
    }

    /// <summary>Intake and call logging act as the core itself, named after the calling service account.</summary>
    public static Actor Intake(string serviceAccount) => new(serviceAccount, Role.System);
}
