using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using static CallRouter.Escalation.Domain.EscalationEffect;

namespace CallRouter.Escalation.Tests;

public sealed class EscalationMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero); // Tue 19:00 PST
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private static readonly EscalationContact Ptas = new("PTAS", ContactChannel.Pager, "MFRTS");
    private static readonly EscalationContact OnCall = new("On-call", ContactChannel.Pager, "8887900");
    private static readonly EscalationContact Manager = new("TS manager", ContactChannel.Pager, "8887901");

    private static EscalationDecision Started(params EscalationContact[] contacts) =>
        EscalationMachine.Start(new EscalationInput.Start("P1-E1", new EscalationRequest("P1", "Pat Desk", "+19194613016", "NS10 reboots", "agent1"),
            ContactPath.Ptas, contacts.Length == 0 ? [Ptas, OnCall, Manager] : contacts, Window), T0);

    private static EscalationRecord Delivered(EscalationRecord e, DateTimeOffset at) =>
        EscalationMachine.Decide(e, new EscalationInput.ContactDelivered(e.ContactIndex, new PageReceipt("1001", "123456"), "page 1001"), at).State;

    private static IEnumerable<EscalationEventKind> Kinds(EscalationDecision d) => d.Effects.OfType<EscalationEffect.Record>().Select(r => r.Event.Kind);

    [Fact]
    public void Start_OutOfHours_AsksFirstContactWithDeskDetailsAndArmsThirtyMinutes()
    {
        var decision = Started();

        var contact = Assert.Single(decision.Effects.OfType<RequestContact>());
        Assert.Equal(Ptas, contact.Contact);
        Assert.Contains("Pat Desk", contact.Message, StringComparison.Ordinal);
        Assert.Contains("+19194613016", contact.Message, StringComparison.Ordinal);
        Assert.Equal(T0 + Window, Assert.Single(decision.Effects.OfType<ArmResponseTimer>()).DueAt);
        Assert.Equal([EscalationEventKind.Started, EscalationEventKind.ContactRequested], Kinds(decision));
    }

    [Fact]
    public void ContactDelivered_TwoMinutesLate_RestartsWindowFromDelivery()
    {
        // 00:00 requested, 00:02 the PTAS finally accepts the page: due 00:32, first contact 00:02.
        var e = Started().State;
        var decision = EscalationMachine.Decide(e, new EscalationInput.ContactDelivered(0, new PageReceipt("1001", "1"), "page 1001"), T0.AddMinutes(2));

        Assert.Equal(T0.AddMinutes(32), Assert.Single(decision.Effects.OfType<ArmResponseTimer>()).DueAt);
        Assert.Equal(T0.AddMinutes(2), decision.State.FirstContactAt);
    }

    [Fact]
    public void ResponseDue_FirstContactSilent_TellsDeskDefersClosureAndAsksNextContact()
    {
        // 00:00 paged; 00:30 nobody answered.
        var e = Delivered(Started().State, T0);
        var decision = EscalationMachine.Decide(e, new EscalationInput.ResponseDue(0), T0.AddMinutes(30));

        Assert.Single(decision.Effects.OfType<NotifyDesk>());
        Assert.Single(decision.Effects.OfType<DeferClosure>());
        Assert.Equal(OnCall, Assert.Single(decision.Effects.OfType<RequestContact>()).Contact);
        Assert.Equal(T0.AddMinutes(60), Assert.Single(decision.Effects.OfType<ArmResponseTimer>()).DueAt);
        Assert.Equal(1, decision.State.ContactIndex);
        Assert.True(decision.State.ClosureDeferred);
        Assert.Contains(EscalationEventKind.NoResponse, Kinds(decision));
        Assert.Contains(EscalationEventKind.NextContact, Kinds(decision));
    }

    [Fact]
    public void ResponseDue_SecondSilence_DoesNotDeferClosureAgain()
    {
        // 00:30 first silence defers closure; 01:00 second silence only moves on.
        var e = EscalationMachine.Decide(Delivered(Started().State, T0), new EscalationInput.ResponseDue(0), T0.AddMinutes(30)).State;
        var decision = EscalationMachine.Decide(e, new EscalationInput.ResponseDue(1), T0.AddMinutes(60));

        Assert.Empty(decision.Effects.OfType<DeferClosure>());
        Assert.Equal(Manager, Assert.Single(decision.Effects.OfType<RequestContact>()).Contact);
    }

    [Fact]
    public void ResponseDue_LastContactSilent_AlertsSupervisorAndStopsTimers()
    {
        var e = Started(OnCall).State;
        var decision = EscalationMachine.Decide(e, new EscalationInput.ResponseDue(0), T0.AddMinutes(30));

        Assert.Equal(EscalationState.ChainExhausted, decision.State.State);
        Assert.Single(decision.Effects.OfType<AlertSupervisor>());
        Assert.Single(decision.Effects.OfType<CancelTimers>());
        Assert.Empty(decision.Effects.OfType<RequestContact>());
        Assert.Contains(EscalationEventKind.SupervisorAlerted, Kinds(decision));
    }

    [Fact]
    public void ResponseDue_ForAContactAlreadyPassed_IsIgnored()
    {
        var e = EscalationMachine.Decide(Started().State, new EscalationInput.ResponseDue(0), T0.AddMinutes(30)).State;

        var decision = EscalationMachine.Decide(e, new EscalationInput.ResponseDue(0), T0.AddMinutes(31));

        Assert.True(decision.Ignored);
        Assert.Same(e, decision.State);
    }

    [Fact]
    public void Responded_WithinWindow_RecordsResponseTimeFromFirstContact()
    {
        // 00:00 paged, 00:12 the engineer answers: in time, 12 minutes.
        var e = Delivered(Started().State, T0);
        var decision = EscalationMachine.Decide(e, new EscalationInput.Responded("Dana", "PTAS status"), T0.AddMinutes(12));

        var recorded = Assert.Single(decision.Effects.OfType<EscalationEffect.Record>()).Event;
        Assert.Equal(EscalationEventKind.Responded, recorded.Kind);
        Assert.Equal(TimeSpan.FromMinutes(12), recorded.ResponseTime);
        Assert.Equal(EscalationState.Responded, decision.State.State);
        Assert.Single(decision.Effects.OfType<CancelTimers>());
    }

    [Fact]
    public void Responded_AfterChainMovedOn_RecordsLateResponse()
    {
        // 00:00 paged, 00:30 silence → on-call paged, 00:41 the first engineer finally calls back.
        var e = EscalationMachine.Decide(Delivered(Started().State, T0), new EscalationInput.ResponseDue(0), T0.AddMinutes(30)).State;
        var decision = EscalationMachine.Decide(e, new EscalationInput.Responded("Dana", "API"), T0.AddMinutes(41));

        var recorded = Assert.Single(decision.Effects.OfType<EscalationEffect.Record>()).Event;
        Assert.Equal(EscalationEventKind.RespondedLate, recorded.Kind);
        Assert.Equal(TimeSpan.FromMinutes(41), recorded.ResponseTime);
    }

    [Fact]
    public void Dropped_AfterAnswer_CountsAsSilenceAndAsksNextContact()
    {
        // 00:05 answered, 00:08 dropped: desk told, next contact paged.
        var e = EscalationMachine.Decide(Delivered(Started().State, T0), new EscalationInput.Responded("Dana", "PTAS"), T0.AddMinutes(5)).State;
        var decision = EscalationMachine.Decide(e, new EscalationInput.Dropped(0, "Dana"), T0.AddMinutes(8));

        Assert.Equal(EscalationState.AwaitingResponse, decision.State.State);
        Assert.Equal(1, decision.State.ContactIndex);
        Assert.Contains(EscalationEventKind.ResponderDropped, Kinds(decision));
        Assert.Single(decision.Effects.OfType<NotifyDesk>());
    }

    [Fact]
    public void Unreachable_FromPtas_MovesOnBeforeTheTimer()
    {
        // 00:20 the PTAS says it cannot reach Mfr TS: no need to wait for 00:30.
        var e = Delivered(Started().State, T0);
        var decision = EscalationMachine.Decide(e, new EscalationInput.Unreachable(0, "PTAS cannot reach Mfr TS"), T0.AddMinutes(20));

        Assert.Contains(EscalationEventKind.Unreachable, Kinds(decision));
        Assert.Equal(T0.AddMinutes(50), Assert.Single(decision.Effects.OfType<ArmResponseTimer>()).DueAt);
    }

    [Fact]
    public void Responded_AfterHandBack_IsRefusedAsInvalidState()
    {
        var e = EscalationMachine.Decide(Started().State, new EscalationInput.HandedBack("mfr1", "for closure"), T0.AddMinutes(5)).State;

        var ex = Assert.Throws<EscalationException>(() => EscalationMachine.Decide(e, new EscalationInput.Responded("Dana", "API"), T0.AddMinutes(6)));
        Assert.Equal(EscalationErrorCode.InvalidState, ex.Code);
    }

    [Fact]
    public void ContactMessage_SummaryWithLineBreaks_IsOneBoundedLine()
    {
        var e = Started().State with { Summary = "line one\r\nline two " + new string('x', 400) };

        var message = EscalationMachine.ContactMessage(e);

        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
        Assert.True(message.Length <= EscalationMachine.MaxMessageLength);
    }
}
