namespace CallRouter.Media.Dtmf;

/// <summary>
/// Builds the RFC 4733 packet sequence for sending one key press: a first packet with the
/// marker bit, an update every packet interval with the growing duration, and the final
/// duration with the end bit sent three times (§2.5.1.4) so one lost packet cannot lose the end.
/// Presses longer than the 16-bit duration field are split into segments (§2.5.1.3).
/// </summary>
public static class TelephoneEventGenerator
{
    private const int EndRepeats = 3;

    public static IReadOnlyList<TelephoneEventPacket> Generate(char digit, TimeSpan duration, uint startTimestamp, int packetTimeMs = 20, byte volume = 10, int clockRate = 8000)
    {
        if (!DtmfDigit.TryToEvent(digit, out var code))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit.", nameof(digit));
        }

        var step = packetTimeMs * clockRate / 1000;
        var total = Math.Max(step, (int)Math.Round(duration.TotalSeconds * clockRate / step) * step);
        var packets = new List<TelephoneEventPacket>();
        var segmentStart = startTimestamp;
        var segmentOffset = 0;
        var elapsed = step;
        var first = true;

        while (elapsed < total)
        {
            if (elapsed - segmentOffset > ushort.MaxValue)
            {
                // Close this segment at the maximum duration and start the next one where it ends.
                segmentOffset += ushort.MaxValue;
                segmentStart = unchecked(startTimestamp + (uint)segmentOffset);
            }

            packets.Add(new TelephoneEventPacket(
                TimeSpan.FromSeconds((double)(elapsed - step) / clockRate),
                segmentStart,
                first,
                new TelephoneEvent(code, false, volume, (ushort)(elapsed - segmentOffset))));
            first = false;
            elapsed += step;
        }

        if (total - segmentOffset > ushort.MaxValue)
        {
            segmentOffset += ushort.MaxValue;
            segmentStart = unchecked(startTimestamp + (uint)segmentOffset);
        }

        var end = new TelephoneEvent(code, true, volume, (ushort)(total - segmentOffset));
        for (var i = 0; i < EndRepeats; i++)
        {
            packets.Add(new TelephoneEventPacket(TimeSpan.FromSeconds((double)(total - step + (i * step)) / clockRate), segmentStart, first && i == 0, end));
        }

        return packets;
    }
}
