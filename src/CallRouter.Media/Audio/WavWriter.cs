namespace CallRouter.Media.Audio;

/// <summary>
/// Writes a WAV file incrementally (recordings can last an hour): a provisional header first,
/// sample bytes as they come, and the real sizes patched into the header on dispose.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly WavFormat _format;
    private readonly int _channels;
    private readonly int _sampleRate;
    private readonly bool _leaveOpen;
    private readonly long _start;
    private long _dataLength;
    private bool _disposed;

    public WavWriter(Stream stream, WavFormat format, int channels, int sampleRate = 8000, bool leaveOpen = false)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The WAV writer needs a seekable stream to patch sizes.", nameof(stream));
        }

        _stream = stream;
        _format = format;
        _channels = channels;
        _sampleRate = sampleRate;
        _leaveOpen = leaveOpen;
        _start = stream.Position;
        _stream.Write(WavFile.BuildHeader(format, channels, sampleRate, 0));
    }

    public long DataLength => _dataLength;

    public void Write(ReadOnlySpan<byte> sampleBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Write(sampleBytes);
        _dataLength += sampleBytes.Length;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var end = _stream.Position;
        if ((_dataLength & 1) == 1)
        {
            _stream.WriteByte(0); // RIFF pad byte; not counted in the data size
            end++;
        }

        _stream.Position = _start;
        _stream.Write(WavFile.BuildHeader(_format, _channels, _sampleRate, (uint)Math.Min(_dataLength, uint.MaxValue)));
        _stream.Position = end;
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
