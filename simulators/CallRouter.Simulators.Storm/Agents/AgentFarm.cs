using System.Collections.Concurrent;
using System.Net;
using CallRouter.Contracts.V1;
using CallRouter.Simulators.Storm.Profile;
using CallRouter.Simulators.Storm.Reporting;
using CallRouter.Sip.Transport;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Simulators.Storm.Agents;

/// <summary>
/// The storm's agents: accounts created through AdminService (L1, all four models), one shared softphone
/// endpoint whose per-agent contacts REGISTER with digest, and one console session per agent.
/// </summary>
internal sealed class AgentFarm : IAsyncDisposable
{
    private const int RegistrationSeconds = 3600;
    private readonly Softphones _phones;
    private readonly List<SimulatedAgent> _agents = [];

    private AgentFarm(Softphones phones) => _phones = phones;

    public int Count => _agents.Count;

    public static async Task<AgentFarm> StartAsync(StormProfile profile, GrpcChannel channel, AgentTally tally, TextWriter log, CancellationToken cancellationToken)
    {
        var behaviour = AgentBehaviour.From(profile);
        var ids = Enumerable.Range(0, profile.Agents).Select(profile.AgentId).ToList();
        if (profile.CreateAgents) await CreateAccountsAsync(profile, channel, ids, log, cancellationToken).ConfigureAwait(false);

        var invites = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var local = IPAddress.Parse(profile.LocalAddress);
        var phones = new Softphones(local, profile.SoftphonePort, profile.AgentRtpPortStart, profile.AgentRtpPortEnd, profile.AgentRtpReceiveThreads, behaviour, tally, invites, profile.Seed);
        var farm = new AgentFarm(phones);
        var started = new ConcurrentBag<SimulatedAgent>();
        try
        {
            await phones.StartAsync(cancellationToken).ConfigureAwait(false);
            var endPoint = phones.Sip.LocalEndPoints.First(e => e.Protocol == TransportProtocol.Udp).Address;
            if (profile.RegisterSoftphones)
            {
                ProfileValidator.TryEndPoint(profile.SipServer, out var gateway);
                var registrar = new SipEndPoint(TransportProtocol.Udp, gateway);
                await ForEachAsync(ids, 4, id => DigestRegistration.RegisterAsync(phones.Sip, registrar, id, profile.AgentPassword, RegistrationSeconds,
                    cancellationToken), cancellationToken).ConfigureAwait(false);
                await log.WriteLineAsync($"storm: {ids.Count} softphones registered at {profile.SipServer} from {endPoint}").ConfigureAwait(false);
            }

            await ForEachAsync(ids, 4, async id =>
            {
                string contact = profile.RegisterSoftphones ? "" : $"sip:{id}@{endPoint}";
                started.Add(await SimulatedAgent.StartAsync(channel, id, profile.AgentPassword, contact, behaviour, tally, invites, cancellationToken)
                    .ConfigureAwait(false));
            }, cancellationToken).ConfigureAwait(false);
            farm._agents.AddRange(started);
            await log.WriteLineAsync($"storm: {farm._agents.Count} agent consoles logged in and ready").ConfigureAwait(false);
            return farm;
        }
        catch
        {
            foreach (var agent in started) await agent.DisposeAsync().ConfigureAwait(false);
            await phones.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Phones first: calls still up are hung up while the consoles can still see them end.
        await _phones.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_agents.Select(a => a.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private static async Task CreateAccountsAsync(StormProfile profile, GrpcChannel channel, IReadOnlyList<string> ids, TextWriter log, CancellationToken cancellationToken)
    {
        var login = await new AuthService.AuthServiceClient(channel).LoginAsync(
            new LoginRequest { UserName = profile.AdminUser, Password = profile.AdminPassword },
            deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        var headers = new Metadata { { "authorization", "Bearer " + login.AccessToken } };
        var admin = new AdminService.AdminServiceClient(channel);
        await ForEachAsync(ids, 4, async id =>
        {
            var profileMessage = new AgentProfile
            {
                AgentId = id,
                DisplayName = $"Storm agent {id}",
                Level = SupportLevel.L1,
                Models = { MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10, MachineModel.Ns100 },
            };
            await admin.UpsertAgentAsync(new UpsertAgentRequest { Profile = profileMessage, Password = profile.AgentPassword }, headers,
                deadline: DateTime.UtcNow.AddSeconds(120), cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"storm: {ids.Count} agent accounts created or updated through AdminService").ConfigureAwait(false);
    }

    private static Task ForEachAsync(IEnumerable<string> ids, int parallelism, Func<string, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (id, _) => await action(id).ConfigureAwait(false));
}
