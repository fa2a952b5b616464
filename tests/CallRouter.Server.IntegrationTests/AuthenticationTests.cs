using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

public sealed class AuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Supervisor_WithoutToken_IsUnauthenticated()
    {
        var client = new SupervisorService.SupervisorServiceClient(fixture.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Routing_WithForgedToken_IsUnauthenticated()
    {
        var headers = new Metadata { { "authorization", "Bearer not-a-token" } };
        var client = new RoutingService.RoutingServiceClient(fixture.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.RegisterCallAsync(
            new RegisterCallRequest { Context = new CallContext { CallId = "forged", MachineModel = "NS10", Severity = 1 } },
            headers, ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Login_WithWrongPassword_IsUnauthenticated()
    {
        var auth = new AuthService.AuthServiceClient(fixture.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(
            new LoginRequest { UserName = "admin", Password = "wrong" }, deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Login_WithDemoAccount_ReturnsTokenAndRoles()
    {
        var auth = new AuthService.AuthServiceClient(fixture.Channel);

        LoginResponse reply = await auth.LoginAsync(new LoginRequest { UserName = "carol", Password = "demo-carol" }, deadline: ServerFixture.Deadline());

        Assert.False(string.IsNullOrEmpty(reply.AccessToken));
        Assert.Equal(["agent-l2"], reply.Roles);
    }

    [Fact]
    public async Task Admin_CalledByAgent_IsPermissionDenied()
    {
        var invoker = await fixture.LoginAsync("alice", "demo-alice");
        var admin = new AdminService.AdminServiceClient(invoker);

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.ListAgentsAsync(new ListAgentsRequest(), deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Routing_CalledBySupervisor_IsPermissionDenied()
    {
        var invoker = await fixture.LoginAsync("supervisor", "demo-supervisor");
        var routing = new RoutingService.RoutingServiceClient(invoker);

        var error = await Assert.ThrowsAsync<RpcException>(() => routing.RegisterCallAsync(
            new RegisterCallRequest { Context = new CallContext { CallId = "x", MachineModel = "NS10", Severity = 1 } },
            deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Supervisor_CalledByGateway_IsPermissionDenied()
    {
        var invoker = await fixture.LoginAsync("gateway", "demo-gateway");
        var supervisor = new SupervisorService.SupervisorServiceClient(invoker);

        var error = await Assert.ThrowsAsync<RpcException>(() => supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Health_WithoutToken_ReportsServing()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(fixture.Channel);

        var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: ServerFixture.Deadline());

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
