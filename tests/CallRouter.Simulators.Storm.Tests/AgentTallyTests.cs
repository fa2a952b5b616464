using CallRouter.Simulators.Storm.Reporting;

namespace CallRouter.Simulators.Storm.Tests;

public sealed class AgentTallyTests
{
    private static readonly TimeSpan ServiceLevel = TimeSpan.FromSeconds(30);

    [Fact]
    public void Bridged_CallsUpAndDown_MaxIsTheMostAtOnce()
    {
        var tally = new AgentTally();

        tally.Bridged("a", TimeSpan.FromSeconds(12), ServiceLevel);
        tally.Bridged("b", TimeSpan.FromSeconds(13), ServiceLevel);
        tally.Unbridged(500, 490, 5, 0);
        tally.Bridged("c", TimeSpan.FromSeconds(14), ServiceLevel);

        Assert.Equal(2, tally.BridgedNow);
        Assert.Equal(2, tally.BridgedMax);
    }

    [Fact]
    public void Bridged_SameCallTwice_CountedAsOneAnsweredCallAndTwoLegs()
    {
        // A call requeued after its first agent hung up for a transfer reaches a second agent.
        var tally = new AgentTally();

        tally.Bridged("a", TimeSpan.FromSeconds(12), ServiceLevel);
        tally.Bridged("a", TimeSpan.FromSeconds(40), ServiceLevel);

        Assert.Equal(1, tally.CallsAnswered);
        Assert.Equal(2, tally.LegsAnswered);
    }

    [Fact]
    public void Bridged_WaitAtOrUnderThreshold_CountsWithinServiceLevel()
    {
        var tally = new AgentTally();

        tally.Bridged("a", TimeSpan.FromSeconds(30), ServiceLevel);
        tally.Bridged("b", TimeSpan.FromSeconds(31), ServiceLevel);
        tally.Bridged("c", null, ServiceLevel);

        Assert.Equal(1, tally.WithinServiceLevel);
        Assert.Equal(2, tally.TimeToAgentMs.Count);
    }

    [Fact]
    public void Unbridged_RtpFigures_SummedAndGatewayReportsCountedOnlyWhenPresent()
    {
        var tally = new AgentTally();
        tally.Bridged("a", null, ServiceLevel);
        tally.Bridged("b", null, ServiceLevel);

        tally.Unbridged(500, 480, 10, 3);
        tally.Unbridged(400, 390, 2, null);

        Assert.Equal((900L, 870L, 12L), (tally.RtpSent, tally.RtpReceived, tally.RtpLost));
        Assert.Equal((3L, 1L), (tally.RtpLostReportedByGateway, tally.CallsWithGatewayReport));
    }
}
