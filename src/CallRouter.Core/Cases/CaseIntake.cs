using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using CallRouter.Core.Routing;
using CallRouter.Routing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>
/// Registration of a gateway call with its case (SPEC R5, R7, R8): checks the call, opens a
/// case or attaches the call to the caller's existing one, then queues it with the case summary
/// the agent will be offered. The case store is awaited before the routing lock is taken, so
/// slow I/O never holds up routing; a call is queued only once its case is committed.
/// </summary>
public sealed class CaseIntake(RoutingCoordinator coordinator, CaseService cases, EntitlementService entitlements, CaseOptions options, TimeProvider time)
{
    /// <summary>Account recorded when the switch and the IVR gave none.</summary>
    public const string UnknownAccount = "(not given)";

    public async Task<Proto.RegisterCallResponse> RegisterAsync(Proto.CallContext? context, string serviceAccount, CancellationToken cancellationToken)
    {
        IntakeCheck check = coordinator.CheckIntake(context);
        if (!check.Eligible)
        {
            return coordinator.RegisterCall(context);
        }

        Proto.CallContext call = context!;

        Actor actor = CaseActors.Intake(serviceAccount);
        DateTimeOffset now = time.GetUtcNow();
        ProblemNumber number;
        try
        {
            if (string.IsNullOrWhiteSpace(call.ProblemNumber))
            {
                CaseRecord opened = await cases.OpenCaseAsync(actor, new NewCase
                {
                    Manufacturer = options.Manufacturer,
                    // The IVR does not ask for the account: a caller without one is served on a
                    // flagged case (not on the entitlement list) and the desk fills it in later.
                    CustomerAccount = string.IsNullOrWhiteSpace(call.CustomerAccount) ? UnknownAccount : call.CustomerAccount,
                    CallbackNumber = Blank(call.CallbackNumber),
                    MachineModel = MachineModelNames.ToDisplayName(check.Model),
                    SerialNumber = Blank(call.SerialNumber),
                    Severity = (Severity)call.Severity,
                    // The IVR's confirmation step is the caller's concurrence (R3, A5 6.0).
                    SeverityAgreement = new EndUserAgreement(
                        Blank(call.CallbackNumber) ?? Blank(call.CustomerAccount) ?? "caller", now, call.FromManufacturer ? "manufacturer call" : "IVR confirmation"),
                }, cancellationToken).ConfigureAwait(false);
                number = opened.ProblemNumber;
            }
            else
            {
                number = ProblemNumber.Parse(call.ProblemNumber);
            }

            await cases.AttachCallAsync(actor, number, new CallRecord
            {
                CallId = call.CallId,
                ProblemNumber = number,
                StartedAt = now,
                QueuedAt = now,
                FromManufacturer = call.FromManufacturer,
            }, cancellationToken).ConfigureAwait(false);

            CaseDetail detail = await cases.GetCaseAsync(actor, number, cancellationToken).ConfigureAwait(false);
            EntitlementCheck entitlement = await entitlements.CheckAsync(detail.Case.Manufacturer, detail.Case.CustomerAccount, cancellationToken).ConfigureAwait(false);
            Proto.CaseSummary summary = CaseSummaries.From(detail, entitlement, check.Model.ToProto(), options.OfferHistoryLines);

            Proto.CallContext withCase = call.Clone();
            withCase.ProblemNumber = number.ToString();
            Proto.RegisterCallResponse response = coordinator.RegisterCall(withCase, summary);
            response.ProblemNumber = number.ToString();
            response.NotUnderContract = detail.Case.NotUnderContract;
            return response;
        }
        catch (CaseException failure) when (failure.Code == CaseErrorCode.AlreadyExists)
        {
            // Same contract as the routing core's own duplicate check.
            throw RoutingFailures.Precondition($"call '{RoutingCoordinator.Truncate(call.CallId)}' is already registered");
        }
        catch (CaseException failure)
        {
            throw CaseFailures.ToRpc(failure);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
