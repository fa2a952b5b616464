namespace CallRouter.Media.Dtmf;

/// <summary>The end of a key press; <see cref="EndSeen"/> is false when it was inferred because the end packets were lost.</summary>
public readonly record struct DtmfDigitEnded(char Digit, TimeSpan Duration, bool EndSeen);
