namespace CallRouter.Sip.Message;

/// <summary>Where one header field lies in the message buffer; nothing is decoded until asked for.</summary>
internal readonly record struct HeaderEntry(int NameStart, int NameLength, int ValueStart, int ValueLength, HeaderKind Kind, bool Folded);
