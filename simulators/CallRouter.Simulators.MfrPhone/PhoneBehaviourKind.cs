namespace CallRouter.Simulators.MfrPhone;

/// <summary>What the Mfr TS phone does with a call.</summary>
public enum PhoneBehaviourKind
{
    /// <summary>Rings, answers after S seconds, presses the acknowledgment key after --ack-after seconds.</summary>
    AnswerAfter,

    /// <summary>Rings until the caller gives up (CANCEL).</summary>
    Never,

    /// <summary>486 Busy Here at once.</summary>
    Busy,

    /// <summary>Answers after S seconds (default 0) and listens without ever pressing a key.</summary>
    AnswerNoAck,
}
