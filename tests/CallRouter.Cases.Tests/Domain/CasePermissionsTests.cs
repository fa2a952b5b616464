using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Tests.Domain;

public sealed class CasePermissionsTests
{
    private static CaseRecord CaseOf(string manufacturer) => new()
    {
        ProblemNumber = ProblemNumber.FromSequence(1_000_000),
        Manufacturer = manufacturer,
        CustomerAccount = "A",
        Severity = Severity.S3,
        State = CaseState.Open,
        Entitlement = EntitlementStatus.Entitled,
        OpenedAt = DateTimeOffset.UnixEpoch,
        OpenedBy = "a",
        UpdatedAt = DateTimeOffset.UnixEpoch,
        LastEndUserUpdateAt = DateTimeOffset.UnixEpoch,
        Version = 1,
    };

    [Theory]
    [InlineData(Role.L1Agent)]
    [InlineData(Role.L2Agent)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Administrator)]
    [InlineData(Role.System)]
    public void EnsureDesk_DeskRoles_AllowedAndSeeEveryManufacturer(Role role)
    {
        var actor = new Actor("u", role);

        CasePermissions.EnsureDesk(actor, "work cases");

        Assert.True(CasePermissions.CanSee(actor, CaseOf("AnyCo")));
    }

    [Fact]
    public void EnsureDesk_ManufacturerTs_PermissionDenied()
    {
        var ex = Assert.Throws<CaseException>(() => CasePermissions.EnsureDesk(new Actor("m", Role.ManufacturerTs, "NetScreen"), "open cases"));

        Assert.Equal(CaseErrorCode.PermissionDenied, ex.Code);
    }

    [Fact]
    public void CanSee_ManufacturerTs_OnlyItsOwnManufacturer()
    {
        var actor = new Actor("m", Role.ManufacturerTs, "NetScreen");

        Assert.True(CasePermissions.CanSee(actor, CaseOf("NetScreen")));
        Assert.False(CasePermissions.CanSee(actor, CaseOf("OtherCo")));
    }

    [Fact]
    public void ScopeOf_ManufacturerTsWithoutManufacturer_PermissionDeniedRatherThanSeeingEverything()
    {
        var ex = Assert.Throws<CaseException>(() => CasePermissions.ScopeOf(new Actor("m", Role.ManufacturerTs)));

        Assert.Equal(CaseErrorCode.PermissionDenied, ex.Code);
    }
}
