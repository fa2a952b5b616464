using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Run-time administration, and that it survives a restart of the server on the same data folder.</summary>
public sealed class AdministrationTests
{
    [Fact]
    public async Task EligibleModels_AmendedAtRunTime_ReturnCallsForRemovedModelAndSurviveRestart()
    {
        string data = Directory.CreateTempSubdirectory("callrouter-admin-").FullName;
        await using (ServerProcess server = await ServerProcess.StartAsync(dataDirectory: data))
        {
            using var channel = server.CreateChannel();
            var admin = new AdminService.AdminServiceClient(await channel.LoginAsync("admin", "demo-admin"));
            var gateway = new RoutingService.RoutingServiceClient(await channel.LoginAsync("gateway", "demo-gateway"));

            await admin.SetEligibleModelsAsync(new EligibleModels { Models = { MachineModel.Ns5, MachineModel.Ns10 } }, deadline: Deadline());
            RegisterCallResponse reply = await gateway.RegisterCallAsync(new RegisterCallRequest
            {
                Context = new CallContext { CallId = "ineligible-1", MachineModel = "NS100", Severity = 1 },
            }, deadline: Deadline());

            Assert.True(reply.ReturnedToManufacturer);
            Assert.Contains("NS100", reply.Reason);
        }

        await using (ServerProcess restarted = await ServerProcess.StartAsync(dataDirectory: data))
        {
            using var channel = restarted.CreateChannel();
            var admin = new AdminService.AdminServiceClient(await channel.LoginAsync("admin", "demo-admin"));

            EligibleModels models = await admin.GetEligibleModelsAsync(new GetEligibleModelsRequest(), deadline: Deadline());

            Assert.Equal([MachineModel.Ns5, MachineModel.Ns10], models.Models);
        }
    }

    [Fact]
    public async Task UpsertAgent_NewAgent_CanLogInAndIsKeptAfterRestart()
    {
        string data = Directory.CreateTempSubdirectory("callrouter-admin-").FullName;
        await using (ServerProcess server = await ServerProcess.StartAsync(dataDirectory: data))
        {
            using var channel = server.CreateChannel();
            var admin = new AdminService.AdminServiceClient(await channel.LoginAsync("admin", "demo-admin"));

            await admin.UpsertAgentAsync(new UpsertAgentRequest
            {
                Profile = new AgentProfile { AgentId = "dave", DisplayName = "Dave", Level = SupportLevel.L1, Models = { MachineModel.Ns100 } },
                Password = "dave-password-1",
            }, deadline: Deadline());
        }

        await using (ServerProcess restarted = await ServerProcess.StartAsync(dataDirectory: data))
        {
            using var channel = restarted.CreateChannel();
            var admin = new AdminService.AdminServiceClient(await channel.LoginAsync("admin", "demo-admin"));
            ListAgentsResponse agents = await admin.ListAgentsAsync(new ListAgentsRequest(), deadline: Deadline());
            var dave = Assert.Single(agents.Agents, a => a.AgentId == "dave");
            Assert.Equal([MachineModel.Ns100], dave.Models);

            // Dave's own password works after the restart.
            await channel.LoginAsync("dave", "dave-password-1");
        }
    }

    [Fact]
    public async Task UpsertAgent_WithShortPassword_IsInvalidArgument()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        using var channel = server.CreateChannel();
        var admin = new AdminService.AdminServiceClient(await channel.LoginAsync("admin", "demo-admin"));

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.UpsertAgentAsync(new UpsertAgentRequest
        {
            Profile = new AgentProfile { AgentId = "erin", Level = SupportLevel.L2 },
            Password = "short",
        }, deadline: Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(15);
}
