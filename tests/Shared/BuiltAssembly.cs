namespace CallRouter.Testing;

/// <summary>Where the build put one of the product's programs (same configuration as the tests), for tests that run it as a process.</summary>
internal static class BuiltAssembly
{
    public static string Server => Locate("CallRouter.Server", "callrouter-server.dll");

    public static string Cli => Locate("CallRouter.Cli", "callrouter-cli.dll");

    /// <summary>src/<paramref name="project"/>/bin/&lt;configuration&gt;/net10.0/<paramref name="dll"/> under the repository root.</summary>
    public static string Locate(string project, string dll)
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

        if (dir is null)
        {
            throw new InvalidOperationException("cannot find the repository root (CallRouter.sln) above " + AppContext.BaseDirectory);
        }

        string path = Path.Combine(dir.FullName, "src", project, "bin", configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first", path);
    }
}
