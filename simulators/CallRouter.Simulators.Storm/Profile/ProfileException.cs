namespace CallRouter.Simulators.Storm.Profile;

/// <summary>A profile or command line the storm cannot run with; the message says what and where.</summary>
public sealed class ProfileException : Exception
{
    public ProfileException(string message)
        : base(message)
    {
    }

    public ProfileException()
    {
    }

    public ProfileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
