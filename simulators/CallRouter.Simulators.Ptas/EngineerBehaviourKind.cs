namespace CallRouter.Simulators.Ptas;

/// <summary>What a scripted Mfr TS engineer does when paged.</summary>
public enum EngineerBehaviourKind
{
    AnswerAfter,
    Never,
    AnswerThenDrop,
}
