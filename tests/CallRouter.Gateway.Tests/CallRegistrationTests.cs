using CallRouter.Contracts.V1;
using CallRouter.Media.Audio;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Gateway.Tests;

public sealed class CallRegistrationTests
{
    private static readonly IvrOptions Options = new() { MaxAttempts = 3, MaxProblemNumberAttempts = 2 };
    private static readonly CallerContext Context = new("NS10", "ns 10", "SN-9", "ACME", "5550100", "", true);

    private static RegisterCallResponse Queued(CallContext request) =>
        new() { CallId = request.CallId, ProblemNumber = request.ProblemNumber.Length > 0 ? request.ProblemNumber : "1000-0004", Position = 1 };

    private static Func<CallContext, RegisterCallResponse> Refuses(StatusCode status) =>
        _ => throw new RpcException(new Status(status, "no such case"));

    private static Task<RegisterCallResponse?> Register(FakeRoutingClient core, FakeCallerChannel caller, string problemNumber = "") =>
        new CallRegistration(core, Options, NullLogger.Instance).RegisterAsync("call-1", Context,
            new IvrResult(IvrOutcome.Completed, "NS10", problemNumber, 2), new IvrDialogue(caller, Options), CancellationToken.None);

    [Fact]
    public async Task RegisterAsync_CoreAccepts_SendsHeaderAndIvrContextAtLevel1()
    {
        var core = new FakeRoutingClient().Answers(Queued);

        var response = await Register(core, new FakeCallerChannel());

        Assert.Equal("1000-0004", response!.ProblemNumber);
        var sent = Assert.Single(core.Registered);
        Assert.Equal(new CallContext
        {
            CallId = "call-1", MachineModel = "NS10", SerialNumber = "SN-9", CustomerAccount = "ACME", CallbackNumber = "5550100",
            Severity = 2, ProblemNumber = "", FromManufacturer = true, Level = SupportLevel.L1,
        }, sent);
    }

    [Fact]
    public async Task RegisterAsync_ProblemNumberUnknown_AsksAgainAndRegistersTheNewNumber()
    {
        var core = new FakeRoutingClient().Answers(Refuses(StatusCode.NotFound)).Answers(Queued);
        var caller = new FakeCallerChannel().Presses("10000004", '#');

        var response = await Register(core, caller, "99999999");

        Assert.Equal("10000004", response!.ProblemNumber);
        Assert.Equal(["99999999", "10000004"], core.Registered.Select(r => r.ProblemNumber));
        Assert.Equal([PromptIds.InvalidEntry, PromptIds.ProblemNumberMenu], caller.Heard.Select(p => p.Id));
    }

    [Fact]
    public async Task RegisterAsync_ProblemNumberRefusedTwice_RegistersAsNewProblem()
    {
        var core = new FakeRoutingClient().Answers(Refuses(StatusCode.InvalidArgument)).Answers(Refuses(StatusCode.InvalidArgument)).Answers(Queued);
        var caller = new FakeCallerChannel().Presses("12345678", '#');

        var response = await Register(core, caller, "11111111");

        Assert.NotNull(response);
        Assert.Equal(["11111111", "12345678", ""], core.Registered.Select(r => r.ProblemNumber));
    }

    [Fact]
    public async Task RegisterAsync_CoreRefusesNewProblem_ReturnsNullWithoutAskingTheCaller()
    {
        var core = new FakeRoutingClient().Answers(Refuses(StatusCode.InvalidArgument));
        var caller = new FakeCallerChannel();

        var response = await Register(core, caller);

        Assert.Null(response);
        Assert.Empty(caller.Heard);
    }

    [Fact]
    public async Task RegisterAsync_CoreUnavailable_ReturnsNull()
    {
        var core = new FakeRoutingClient().Answers(Refuses(StatusCode.Unavailable));

        var response = await Register(core, new FakeCallerChannel(), "10000004");

        Assert.Null(response);
        Assert.Single(core.Registered);
    }
}
