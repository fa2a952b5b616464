using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using CallRouter.Media.Dtmf;
using CallRouter.Media.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Sessions;

/// <summary>
/// The SPEC R3 menu written the way the gateway will write it, over one MediaSession on an
/// in-memory transport and a virtual clock: proves the media API is enough for the IVR.
/// </summary>
public class IvrFlowTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly MediaEngine _engine;

    public IvrFlowTests()
    {
        _engine = Engines.Create(_time);
    }

    private static async Task<(string Model, string Problem, string Severity)> RunMenuAsync(MediaSession leg, PromptLibrary prompts)
    {
        await leg.PlayPromptAsync(PromptIds.Greeting);
        var model = await leg.PromptAndCollectAsync(prompts.Get(PromptIds.ModelMenu), new DigitCollectionOptions { MaxDigits = 1, Terminators = "" });
        var problem = await leg.PromptAndCollectAsync(prompts.Get(PromptIds.ProblemNumberMenu), new DigitCollectionOptions { MaxDigits = 10 });
        string severity;
        while (true)
        {
            var choice = await leg.PromptAndCollectAsync(prompts.Get(PromptIds.SeverityMenu), new DigitCollectionOptions { MaxDigits = 1, Terminators = "" });
            var confirm = await leg.PromptAndCollectAsync(prompts.SeverityConfirmation(choice.Digits[0] - '0'), new DigitCollectionOptions { MaxDigits = 1, Terminators = "" });
            if (confirm.Digits == "1")
            {
                severity = choice.Digits;
                break;
            }
        }

        await leg.PlayAsync(prompts.ProblemNumber(problem.Digits.Length > 0 ? problem.Digits : "90210"));
        return (model.Digits, problem.Digits, severity);
    }

    [Fact]
    public async Task Menu_CallerTypesAheadAndChangesSeverityOnce_CollectsModelProblemAndConfirmedSeverity()
    {
        var leg = Leg.Answered(_engine, G711Law.ALaw);
        var flow = RunMenuAsync(leg.Session, _engine.Prompts);

        // The caller knows the menu: NS10 (3), problem 4711#, severity 2 — "no, choose again" (2) —
        // severity 1, confirm (1). Digits arrive over RFC 4733 during the first prompts.
        ushort seq = 1;
        uint ts = 1000;
        foreach (var digit in "34711#2211")
        {
            DtmfDigit.TryToEvent(digit, out var code);
            leg.ReceiveEvent(101, seq++, ts, true, code, true, 800);
            ts += 1600;
        }

        // Advance the virtual clock one frame at a time, but only once the flow's and the player's
        // work queued on the thread pool has run: on a busy machine a bare count of steps could run
        // the clock past the end of the prompts while the flow still waits to be scheduled.
        var realTime = System.Diagnostics.Stopwatch.StartNew();
        while (!flow.IsCompleted && realTime.Elapsed < TimeSpan.FromSeconds(60))
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Yield();
            var settle = System.Diagnostics.Stopwatch.StartNew();
            while (ThreadPool.PendingWorkItemCount > 0 && settle.ElapsedMilliseconds < 20)
            {
                await Task.Delay(1);
            }
        }

        var (model, problem, severity) = await flow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("3", "4711", "1"), (model, problem, severity));

        // The read-back ("your problem number is 4 7 1 1") was the last thing sent, in A-law.
        var readBack = _engine.Prompts.ProblemNumber("4711").ConvertTo(G711Law.ALaw).Samples.ToArray();
        var sent = leg.RtpTransport.SentPayloads().SelectMany(p => p).ToArray();
        var tail = sent[^(((readBack.Length + 159) / 160) * 160)..];
        Assert.Equal(readBack, tail[..readBack.Length]);
    }
}
