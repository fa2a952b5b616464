namespace CallRouter.Escalation.Calendar;

/// <summary>How the desk first reaches Mfr TS at a given moment (SOW-A 6.0 and 6.1).</summary>
public enum ContactPath
{
    /// <summary>Mfr business hours: phone the Mfr TS toll-free number; answer due in 15 minutes.</summary>
    ManufacturerPhone,

    /// <summary>Outside Mfr hours while the answering service is staffed: page through the PTAS.</summary>
    Ptas,

    /// <summary>Outside Mfr hours and the PTAS unstaffed: the on-call pager / cell phone.</summary>
    OnCallPager,
}
