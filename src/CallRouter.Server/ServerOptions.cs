namespace CallRouter.Server;

/// <summary>Configuration section <c>CallRouter:Server</c>: where the host listens and keeps its data.</summary>
public sealed class ServerOptions
{
    public const string Section = "CallRouter:Server";

    /// <summary>gRPC (HTTP/2 without TLS) endpoint. Loopback by default.</summary>
    public string GrpcAddress { get; set; } = "127.0.0.1";
    public int GrpcPort { get; set; } = 50051;

    /// <summary>HTTP/1.1 endpoint for the Prometheus scrape (<c>/metrics</c>) and, later, the portal.</summary>
    public string HttpAddress { get; set; } = "127.0.0.1";
    public int HttpPort { get; set; } = 8080;

    /// <summary>Folder for the embedded SQLite databases; relative paths are under the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long in-flight work may take to finish on shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
