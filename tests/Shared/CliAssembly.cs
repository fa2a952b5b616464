namespace CallRouter.Testing;

/// <summary>Where the build put callrouter-cli.dll (same configuration as the tests).</summary>
internal static class CliAssembly
{
    public static string Locate()
    {
#if RELEASE_BUILD
        const string configuration = "Release";
#else
        const string configuration = "Debug";
#endif
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CallRouter.sln")))
        {
            dir = dir.Parent;
        }

        string dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"),
            "src", "CallRouter.Cli", "bin", configuration, "net10.0", "callrouter-cli.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the CLI first", dll);
    }
}
