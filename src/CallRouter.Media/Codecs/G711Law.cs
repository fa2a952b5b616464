namespace CallRouter.Media.Codecs;

/// <summary>The two G.711 companding laws.</summary>
public enum G711Law
{
    /// <summary>µ-law, RTP static payload type 0 (PCMU), North America and Japan.</summary>
    MuLaw,

    /// <summary>A-law, RTP static payload type 8 (PCMA), most other countries.</summary>
    ALaw,
}
