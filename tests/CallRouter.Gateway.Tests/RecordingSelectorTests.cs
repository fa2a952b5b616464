namespace CallRouter.Gateway.Tests;

public sealed class RecordingSelectorTests
{
    [Theory]
    [InlineData(0.1, 100, 10)]
    [InlineData(1.0, 7, 7)]
    [InlineData(0.0, 50, 0)]
    [InlineData(0.25, 8, 2)]
    public void Next_ShareOverManyCalls_RecordsExactlyThatShare(double share, int calls, int expected)
    {
        var selector = new RecordingSelector(share);

        int recorded = Enumerable.Range(0, calls).Count(_ => selector.Next());

        Assert.Equal(expected, recorded);
    }
}
