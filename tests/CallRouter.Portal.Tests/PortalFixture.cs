using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;

namespace CallRouter.Portal.Tests;

/// <summary>
/// The real server process and one headless Debian Chromium driven by Playwright (browsers
/// cannot be downloaded here, so Playwright is pointed at /usr/bin/chromium).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private GrpcChannel? _channel;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");
    public string PortalUrl => $"http://127.0.0.1:{Server.HttpPort}/portal";

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _channel = _server.CreateChannel();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public Task<CallInvoker> LoginAsync(string user) => (_channel ?? throw new InvalidOperationException("not started")).LoginAsync(user, "demo-" + user);

    /// <summary>A fresh browser context (own cookies) with bounded waits.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync();
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        return await context.NewPageAsync();
    }
}
