using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Tests.Domain;

public sealed class CaseTransitionsTests
{
    public static TheoryData<CaseState, CaseState> Allowed => new()
    {
        { CaseState.Open, CaseState.InProgress },
        { CaseState.Open, CaseState.Resolved },
        { CaseState.InProgress, CaseState.PendingEndUser },
        { CaseState.PendingEndUser, CaseState.InProgress },
        { CaseState.InProgress, CaseState.EscalatedToManufacturer },
        { CaseState.EscalatedToManufacturer, CaseState.ClosureDeferred },
        { CaseState.ClosureDeferred, CaseState.EscalatedToManufacturer },
        { CaseState.EscalatedToManufacturer, CaseState.Resolved },
        { CaseState.Resolved, CaseState.Closed },
        { CaseState.Resolved, CaseState.InProgress },
    };

    public static TheoryData<CaseState, CaseState> Rejected => new()
    {
        { CaseState.Open, CaseState.Closed },
        { CaseState.InProgress, CaseState.Closed },
        { CaseState.EscalatedToManufacturer, CaseState.Closed },
        { CaseState.ClosureDeferred, CaseState.Closed },
        { CaseState.Resolved, CaseState.EscalatedToManufacturer },
        { CaseState.Closed, CaseState.InProgress },
        { CaseState.Closed, CaseState.Resolved },
        { CaseState.InProgress, CaseState.Open },
        { CaseState.InProgress, CaseState.InProgress },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void IsAllowed_TableEntry_True(CaseState from, CaseState to) => Assert.True(CaseTransitions.IsAllowed(from, to));

    [Theory]
    [MemberData(nameof(Rejected))]
    public void EnsureAllowed_NotInTable_ThrowsInvalidTransitionListingAlternatives(CaseState from, CaseState to)
    {
        var ex = Assert.Throws<CaseException>(() => CaseTransitions.EnsureAllowed(ProblemNumber.FromSequence(1_000_000), from, to));

        Assert.Equal(CaseErrorCode.InvalidTransition, ex.Code);
        Assert.Contains($"allowed from {from}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedFrom_EveryState_HasAnEntryAndOnlyClosedIsTerminal()
    {
        foreach (var state in Enum.GetValues<CaseState>())
        {
            Assert.Equal(state == CaseState.Closed, CaseTransitions.AllowedFrom(state).Count == 0);
        }
    }

    [Theory]
    [InlineData(Severity.S1, 4)]
    [InlineData(Severity.S2, 24)]
    [InlineData(Severity.S3, 96)]
    [InlineData(Severity.S4, 192)]
    public void UpdateCadence_Severity_MatchesAttachmentA5(Severity severity, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), UpdateCadence.For(severity));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void ParseSeverity_OutOfRange_InvalidArgument(int value) =>
        Assert.Equal(CaseErrorCode.InvalidArgument, Assert.Throws<CaseException>(() => UpdateCadence.ParseSeverity(value)).Code);
}
