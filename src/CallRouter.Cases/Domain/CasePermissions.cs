namespace CallRouter.Cases.Domain;

/// <summary>
/// Who may do what (SPEC R9), checked in the domain so every host enforces the same rules.
/// Mfr TS may list and read its own end users' cases, add status and corrective-action notes
/// and hand a case back; everything else is desk-only. A Mfr TS request for another
/// manufacturer's case answers NotFound, so it cannot even learn that the number exists.
/// </summary>
public static class CasePermissions
{
    public static void EnsureDesk(Actor actor, string action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsDesk)
        {
            throw new CaseException(CaseErrorCode.PermissionDenied, $"{actor.Role} may not {action}.");
        }
    }

    public static void EnsureRole(Actor actor, string action, params Role[] roles)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Array.IndexOf(roles, actor.Role) < 0)
        {
            throw new CaseException(CaseErrorCode.PermissionDenied, $"{actor.Role} may not {action}; allowed: {string.Join(", ", roles)}.");
        }
    }

    /// <summary>The manufacturer a Mfr TS actor is confined to; null for desk roles (no confinement).</summary>
    public static string? ScopeOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != Role.ManufacturerTs)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(actor.Manufacturer)
            ? throw new CaseException(CaseErrorCode.PermissionDenied, "A manufacturer TS login must be bound to a manufacturer.")
            : actor.Manufacturer;
    }

    public static bool CanSee(Actor actor, CaseRecord record) =>
        ScopeOf(actor) is not { } scope || string.Equals(scope, record.Manufacturer, StringComparison.Ordinal);
}
