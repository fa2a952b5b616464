namespace CallRouter.Media.InteropTests;

/// <summary>Measures recorded audio: RMS level and the power at chosen frequencies (Goertzel).</summary>
internal static class ToneAnalysis
{
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Power of <paramref name="frequency"/> in the block, by the Goertzel recurrence.</summary>
    public static double GoertzelPower(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var s in samples)
        {
            double current = s + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }

    /// <summary>
    /// The share of the block's energy that is a sine at exactly <paramref name="frequency"/>: about 1 for a
    /// pure tone, near 0 for music or speech that merely has energy close by (a 1,046 Hz harmonic scores
    /// about 0.01 against 1,000 Hz over a tenth of a second).
    /// </summary>
    public static double ToneShare(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        double energy = 0;
        foreach (var s in samples) energy += (double)s * s;
        return energy == 0 ? 0 : GoertzelPower(samples, frequency, sampleRate) / (samples.Length / 2.0 * energy);
    }

    /// <summary>The frequency with the most power among a 50 Hz grid from 100 Hz to just under Nyquist.</summary>
    public static double DominantFrequency(ReadOnlySpan<short> samples, int sampleRate)
    {
        double best = 0, bestPower = -1;
        for (double f = 100; f < sampleRate / 2.0 - 50; f += 50)
        {
            double power = GoertzelPower(samples, f, sampleRate);
            if (power > bestPower)
            {
                bestPower = power;
                best = f;
            }
        }

        return best;
    }

    /// <summary>The loudest window of <paramref name="length"/> samples (stepping by half a window).</summary>
    public static ReadOnlySpan<short> LoudestWindow(ReadOnlySpan<short> samples, int length)
    {
        if (samples.Length <= length) return samples;
        int bestStart = 0;
        double bestRms = -1;
        for (int start = 0; start + length <= samples.Length; start += length / 2)
        {
            double rms = Rms(samples.Slice(start, length));
            if (rms > bestRms)
            {
                bestRms = rms;
                bestStart = start;
            }
        }

        return samples.Slice(bestStart, length);
    }
}
