using CallRouter.Media.Audio;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.TestSupport;

public static class Engines
{
    private static readonly Lazy<PromptLibrary> Prompts = new(PromptLibrary.LoadEmbedded);

    public static MediaEngine Create(FakeTimeProvider time) => new(new MediaEngineOptions(), time, Prompts.Value);
}
