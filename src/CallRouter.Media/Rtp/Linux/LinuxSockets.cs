using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CallRouter.Media.Rtp.Linux;

/// <summary>
/// The few libc calls the Linux RTP receive path needs: an epoll set, and a non-blocking
/// <c>recvfrom</c> that reports "nothing more" as a return code instead of an exception
/// (.NET's <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, SocketAddress)"/> throws on
/// EAGAIN, which at one EAGAIN per wake-up would cost more than the packet itself).
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const int EpollCloexec = 0x80000;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const int MsgDontWait = 0x40;
    public const int MsgTrunc = 0x20;
    public const int ErrorInterrupted = 4;   // EINTR
    public const int ErrorWouldBlock = 11;   // EAGAIN, the same value on x64 and arm64

    /// <summary>Room for a sockaddr_in6, the largest source address an IP socket reports.</summary>
    public const int SocketAddressCapacity = 28;

    private const ushort FamilyIPv4 = 2;   // AF_INET
    private const ushort FamilyIPv6 = 10;  // AF_INET6

    /// <summary>True where the epoll path is implemented: Linux on x64 or arm64 (the two epoll_event layouts handled).</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>sizeof(struct epoll_event): packed (12 bytes) on x64, naturally aligned (16) elsewhere.</summary>
    public static int EpollEventSize => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static int EpollDataOffset => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int Errno => Marshal.GetLastPInvokeError();

    public static int FileDescriptor(Socket socket) => (int)socket.SafeHandle.DangerousGetHandle();

    public static void WriteEpollEvent(Span<byte> destination, uint events, ulong data)
    {
        destination[..EpollEventSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, events);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[EpollDataOffset..], data);
    }

    public static ulong ReadEpollData(ReadOnlySpan<byte> events, int index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(events[((index * EpollEventSize) + EpollDataOffset)..]);

    /// <summary>Registers <paramref name="fd"/> for readability (level-triggered) under <paramref name="token"/>.</summary>
    public static int AddReadable(int epoll, int fd, ulong token)
    {
        Span<byte> ev = stackalloc byte[16];
        WriteEpollEvent(ev, EpollIn, token);
        fixed (byte* p = ev)
        {
            return epoll_ctl(epoll, EpollCtlAdd, fd, p);
        }
    }

    public static int Remove(int epoll, int fd)
    {
        // Kernels before 2.6.9 wanted a non-null event for DEL; pass one to be safe.
        Span<byte> ev = stackalloc byte[16];
        ev.Clear();
        fixed (byte* p = ev)
        {
            return epoll_ctl(epoll, EpollCtlDel, fd, p);
        }
    }

    /// <summary>Waits without time limit for readable sockets; returns the number of events or -1 with <see cref="Errno"/>.</summary>
    public static int Wait(int epoll, Span<byte> events, int maxEvents)
    {
        fixed (byte* p = events)
        {
            return epoll_wait(epoll, p, maxEvents, -1);
        }
    }

    /// <summary>
    /// One non-blocking receive. Returns the datagram's real length (larger than the buffer when
    /// it was truncated), or -1 with <see cref="Errno"/> set; <paramref name="addressLength"/> is
    /// the length of the source address written to <paramref name="address"/>.
    /// </summary>
    public static nint ReceiveFrom(int fd, Span<byte> buffer, Span<byte> address, out int addressLength)
    {
        var length = (uint)address.Length;
        nint received;
        fixed (byte* b = buffer)
        fixed (byte* a = address)
        {
            received = recvfrom(fd, b, (nuint)buffer.Length, MsgDontWait | MsgTrunc, a, &length);
        }

        addressLength = (int)length;
        return received;
    }

    /// <summary>One non-blocking send to a raw sockaddr (see <see cref="WriteSocketAddress"/>); -1 with <see cref="Errno"/> on failure.</summary>
    public static nint SendTo(int fd, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> address)
    {
        fixed (byte* b = datagram)
        fixed (byte* a = address)
        {
            return sendto(fd, b, (nuint)datagram.Length, MsgDontWait, a, (uint)address.Length);
        }
    }

    /// <summary>Writes <paramref name="endPoint"/> as a Linux sockaddr_in / sockaddr_in6; returns its length.</summary>
    public static int WriteSocketAddress(IPEndPoint endPoint, Span<byte> destination)
    {
        destination[..SocketAddressCapacity].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)endPoint.Port);
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, FamilyIPv4);
            endPoint.Address.TryWriteBytes(destination[4..8], out _);
            return 16;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, FamilyIPv6);
        endPoint.Address.TryWriteBytes(destination[8..24], out _);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)endPoint.Address.ScopeId);
        return 28;
    }

    /// <summary>Reads a sockaddr_in / sockaddr_in6 written by the kernel; null for any other family or a short address.</summary>
    public static IPEndPoint? ReadSocketAddress(ReadOnlySpan<byte> address)
    {
        if (address.Length < 16)
        {
            return null;
        }

        var family = BinaryPrimitives.ReadUInt16LittleEndian(address);
        var port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        if (family == FamilyIPv4)
        {
            return new IPEndPoint(new IPAddress(address[4..8]), port);
        }

        if (family == FamilyIPv6 && address.Length >= 28)
        {
            return new IPEndPoint(new IPAddress(address[8..24], BinaryPrimitives.ReadUInt32LittleEndian(address[24..])), port);
        }

        return null;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    /// <summary>Sleeps for a number of microseconds (Thread.Sleep rounds to whole milliseconds).</summary>
    public static void SleepMicroseconds(int microseconds) => usleep((uint)microseconds);

    [LibraryImport("libc")]
    private static partial int usleep(uint usec);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recvfrom(int fd, byte* buf, nuint len, int flags, byte* addr, uint* addrlen);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint sendto(int fd, byte* buf, nuint len, int flags, byte* addr, uint addrlen);
}
