using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Cases.Tests.Infrastructure;

/// <summary>
/// Base of the shared suites: each test gets a fresh migrated store of the subclass's kind,
/// a fake clock at <see cref="TestClock.Start"/>, and the services over them.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    protected static readonly Actor Agent = new("agent.l1", Role.L1Agent);
    protected static readonly Actor AgentL2 = new("agent.l2", Role.L2Agent);
    protected static readonly Actor Supervisor = new("super", Role.Supervisor);
    protected static readonly Actor Admin = new("admin", Role.Administrator);
    protected static readonly Actor MfrTs = new("mfr.ts", Role.ManufacturerTs, "NetScreen");
    protected static readonly Actor OtherMfrTs = new("other.ts", Role.ManufacturerTs, "OtherCo");

    protected FakeTimeProvider Clock { get; } = TestClock.Create();
    protected ICaseStore Store { get; private set; } = null!;
    protected CaseService Cases { get; private set; } = null!;
    protected EntitlementService Entitlements { get; private set; } = null!;

    protected abstract IStoreFactory Factory { get; }

    /// <summary>The desk calendar the services use; UTC unless a suite overrides it.</summary>
    protected virtual DeskCalendar Calendar => DeskCalendar.Utc;

    public virtual async Task InitializeAsync()
    {
        Store = await Factory.CreateAsync(Clock);
        Cases = new CaseService(Store, Clock, new CaseServiceOptions { Calendar = Calendar });
        Entitlements = new EntitlementService(Store, Clock, Calendar);
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected NewCase NewCaseFor(string account = "ACME-001", Severity severity = Severity.S3, string manufacturer = "NetScreen") => new()
    {
        Manufacturer = manufacturer,
        CustomerAccount = account,
        EndUserName = "Pat Caller",
        CallbackNumber = "+1 555 0100",
        MachineModel = "NS10",
        SerialNumber = "SN-42",
        Severity = severity,
        SeverityAgreement = new EndUserAgreement("Pat Caller", Clock.GetUtcNow(), "IVR confirmation"),
    };

    protected Task<CaseRecord> OpenAsync(string account = "ACME-001", Severity severity = Severity.S3, string manufacturer = "NetScreen") =>
        Cases.OpenCaseAsync(Agent, NewCaseFor(account, severity, manufacturer));

    protected Task ImportAsync(string csv, string manufacturer = "NetScreen") =>
        Entitlements.ImportAsync(Admin, manufacturer, "test.csv", new StringReader(csv));

    protected static async Task<CaseException> ThrowsCase(CaseErrorCode code, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<CaseException>(action);
        Assert.Equal(code, ex.Code);
        return ex;
    }
}
