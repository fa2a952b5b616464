using CallRouter.Core.Routing;
using CallRouter.Routing;

namespace CallRouter.Core.Tests;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("NS-5", MachineModel.Ns5)]
    [InlineData("ns5", MachineModel.Ns5)]
    [InlineData(" Ns - 5 ", MachineModel.Ns5)]
    [InlineData("NS REMOTE", MachineModel.NsRemote)]
    [InlineData("NS Remote", MachineModel.NsRemote)]
    [InlineData("ns-remote", MachineModel.NsRemote)]
    [InlineData("NS10", MachineModel.Ns10)]
    [InlineData("ns_10", MachineModel.Ns10)]
    [InlineData("NS100", MachineModel.Ns100)]
    [InlineData("ns 100", MachineModel.Ns100)]
    public void TryParse_SpellingVariants_Normalise(string text, MachineModel expected)
    {
        Assert.True(ModelNames.TryParse(text, out MachineModel model));
        Assert.Equal(expected, model);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("NS7")]
    [InlineData("NS1000")]
    [InlineData("NS 5 REMOTE")]
    [InlineData("a very long string that is certainly not a model name at all")]
    public void TryParse_UnknownNames_AreRejected(string? text)
    {
        Assert.False(ModelNames.TryParse(text, out MachineModel model));
        Assert.Equal(MachineModel.Unspecified, model);
    }

    [Fact]
    public void Display_EveryModel_RoundTripsThroughTryParse()
    {
        foreach (MachineModel model in new[] { MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10, MachineModel.Ns100 })
        {
            Assert.True(ModelNames.TryParse(ModelNames.Display(model), out MachineModel parsed));
            Assert.Equal(model, parsed);
        }
    }
}
