namespace CallRouter.Simulators.Ptas;

/// <summary>A page the simulator accepted, with the engineer behaviour that decides its fate.</summary>
public sealed record PageRecord(string Tag, string PassCode, string PagerId, string CallerId, string Message, DateTimeOffset SentAt, EngineerBehaviour Engineer);
