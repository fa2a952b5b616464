namespace CallRouter.Routing.Tests;

public sealed class MachineModelNamesTests
{
    [Theory]
    [InlineData("NS-5", MachineModel.Ns5)]
    [InlineData("ns5", MachineModel.Ns5)]
    [InlineData(" ns - 5 ", MachineModel.Ns5)]
    [InlineData("NS REMOTE", MachineModel.NsRemote)]
    [InlineData("NS Remote", MachineModel.NsRemote)]
    [InlineData("ns-remote", MachineModel.NsRemote)]
    [InlineData("NS10", MachineModel.Ns10)]
    [InlineData("NS 10", MachineModel.Ns10)]
    [InlineData("ns100", MachineModel.Ns100)]
    public void TryParse_ToleratedSpelling_RecognisesModel(string text, MachineModel expected)
    {
        Assert.True(MachineModelNames.TryParse(text, out var model));
        Assert.Equal(expected, model);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NS 1000")]
    [InlineData("Other")]
    [InlineData("NS-5 NS-5 NS-5 NS-5")]
    public void TryParse_UnknownName_ReturnsFalse(string text)
    {
        Assert.False(MachineModelNames.TryParse(text, out var model));
        Assert.Equal(MachineModel.Unspecified, model);
    }

    [Fact]
    public void ToDisplayName_EveryModel_RoundTripsThroughTryParse()
    {
        foreach (var model in new[] { MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10, MachineModel.Ns100 })
        {
            Assert.True(MachineModelNames.TryParse(MachineModelNames.ToDisplayName(model), out var parsed));
            Assert.Equal(model, parsed);
        }
    }
}
