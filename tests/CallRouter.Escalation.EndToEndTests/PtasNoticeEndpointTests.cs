using System.Net;
using System.Text;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>The "cannot reach" endpoint's answers to bad requests, on a real server with a notice token configured.</summary>
public sealed class PtasNoticeEndpointTests(PtasNoticeEndpointTests.Desk desk) : IClassFixture<PtasNoticeEndpointTests.Desk>
{
    private const string Token = "endpoint-test-token";

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[\"UNREACHABLE\"]", "must be a JSON object")]
    [InlineData("{\"status\":\"UNREACHABLE\"}", "has no \\\"tag\\\"")]
    [InlineData("{\"tag\":\"1001\",\"status\":\"ANSWERED\"}", "only UNREACHABLE")]
    public async Task Post_MalformedNotice_Is400SayingWhatIsWrong(string body, string expected)
    {
        using var response = await PtasUnreachableEndToEndTests.PostAsync(desk.Http, desk.Url, body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OversizedNotice_Is400()
    {
        string body = "{\"tag\":\"" + new string('7', 10_000) + "\",\"status\":\"UNREACHABLE\"}";

        using var response = await PtasUnreachableEndToEndTests.PostAsync(desk.Http, desk.Url, body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 4096 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TagOfNoOpenPage_Is404NamingTheTag()
    {
        using var response = await PtasUnreachableEndToEndTests.PostAsync(desk.Http, desk.Url, """{"tag":"424242","status":"UNREACHABLE"}""", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("424242", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Post_WithoutTheToken_Is401(string? token)
    {
        using var response = await PtasUnreachableEndToEndTests.PostAsync(desk.Http, desk.Url, """{"tag":"1001","status":"UNREACHABLE"}""", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_TheNoticePath_IsNotServed()
    {
        using var response = await desk.Http.GetAsync(new Uri(desk.Url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    /// <summary>One server for the class: nothing listens on its SNPP port, no escalation is ever open.</summary>
    public sealed class Desk : IAsyncLifetime
    {
        private ServerProcess? _server;

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

        public string Url => $"http://127.0.0.1:{_server!.HttpPort}/escalation/ptas/unreachable";

        public async Task InitializeAsync() =>
            _server = await EscalationDesk.StartServerAsync(new Dictionary<string, string>
            {
                ["CallRouter__Escalation__PtasNotices__Token"] = Token,
                ["CallRouter__Escalation__Snpp__Port"] = "9",
            });

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
