namespace CallRouter.Media.Audio;

/// <summary>One playback as the <see cref="PlaybackClock"/> sees it.</summary>
internal interface IPacedPlayback
{
    /// <summary>True once the playback has played out, been cancelled or failed; the clock then forgets it.</summary>
    bool HasEnded { get; }

    /// <summary>Sends every frame due by now. Never throws: a failing send ends the playback with that exception.</summary>
    void SendDue();
}
