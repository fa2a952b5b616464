using CallRouter.Cases.Domain;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>Entitlement import and lookup (R8) over a real store; run once per store kind.</summary>
public abstract class EntitlementContract : StoreTestBase
{
    private const string Header = "customer_account,name,service_level,expiry_date\n";

    [Fact]
    public async Task Import_ValidFile_BecomesActiveListAndIsInHistory()
    {
        var result = await Entitlements.ImportAsync(Admin, "NetScreen", "march.csv",
            new StringReader(Header + "ACME-001,Acme Corp,Gold,2026-12-31\nBETA-7,\"Beta, Inc.\",Silver,2027-01-15\n"));

        Assert.True(result.Accepted);
        Assert.Equal(2, await Store.CountActiveEntitlementsAsync("NetScreen"));
        var beta = await Entitlements.CheckAsync("NetScreen", " beta-7 ");
        Assert.Equal((EntitlementStatus.Entitled, "Beta, Inc."), (beta.Status, beta.Entry!.CustomerName));
        Assert.Equal("march.csv", Assert.Single(await Entitlements.ListImportsAsync(Admin, "NetScreen")).SourceName);
    }

    [Fact]
    public async Task Import_FileWithBadRows_RejectedWithRowErrorsAndPreviousListKept()
    {
        await ImportAsync(Header + "ACME-001,Acme Corp,Gold,2026-12-31\n");

        var result = await Entitlements.ImportAsync(Admin, "NetScreen", "april.csv",
            new StringReader(Header + "NEW-1,New Co,Gold,2027-01-01\nNEW-2,,Gold,2027-01-01\nNEW-3,Third,Gold,31/12/2027\n"));

        Assert.False(result.Accepted);
        Assert.Equal([(3, "name"), (4, "expiry_date")], result.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(EntitlementStatus.Entitled, (await Entitlements.CheckAsync("NetScreen", "ACME-001")).Status);
        Assert.Equal(EntitlementStatus.Unknown, (await Entitlements.CheckAsync("NetScreen", "NEW-1")).Status);
        var history = await Entitlements.ListImportsAsync(Admin, "NetScreen");
        Assert.Equal([true, false], history.Select(h => h.Accepted));
        Assert.Equal(2, history[1].Errors.Count);
    }

    [Fact]
    public async Task Import_SecondValidFile_ReplacesTheListEntirely()
    {
        await ImportAsync(Header + "OLD-1,Old Co,Gold,2026-12-31\n");

        await ImportAsync(Header + "NEW-1,New Co,Gold,2026-12-31\n");

        Assert.Equal(EntitlementStatus.Unknown, (await Entitlements.CheckAsync("NetScreen", "OLD-1")).Status);
        Assert.Equal(EntitlementStatus.Entitled, (await Entitlements.CheckAsync("NetScreen", "NEW-1")).Status);
    }

    [Fact]
    public async Task Import_OtherManufacturer_DoesNotTouchThisManufacturersList()
    {
        await ImportAsync(Header + "ACME-001,Acme Corp,Gold,2026-12-31\n");

        await ImportAsync(Header + "ZED-1,Zed,Gold,2026-12-31\n", manufacturer: "OtherCo");

        Assert.Equal(EntitlementStatus.Entitled, (await Entitlements.CheckAsync("NetScreen", "ACME-001")).Status);
        Assert.Equal(EntitlementStatus.Unknown, (await Entitlements.CheckAsync("NetScreen", "ZED-1")).Status);
    }

    [Fact]
    public async Task Check_OnExpiryDayAndDayAfter_EntitledThenExpired()
    {
        await ImportAsync(Header + "ACME-001,Acme Corp,Gold,2026-03-02\n");

        Assert.Equal(EntitlementStatus.Entitled, (await Entitlements.CheckAsync("NetScreen", "ACME-001")).Status);
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(EntitlementStatus.Expired, (await Entitlements.CheckAsync("NetScreen", "ACME-001")).Status);
    }

    [Fact]
    public async Task Import_ByManufacturerTsOrAgent_PermissionDeniedAndNothingRecorded()
    {
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Entitlements.ImportAsync(MfrTs, "NetScreen", "x.csv", new StringReader(Header)));
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Entitlements.ImportAsync(Agent, "NetScreen", "x.csv", new StringReader(Header)));

        Assert.Empty(await Store.ListEntitlementImportsAsync("NetScreen"));
    }
}
