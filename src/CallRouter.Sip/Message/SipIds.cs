using System.Security.Cryptography;

namespace CallRouter.Sip.Message;

/// <summary>Fresh tags, branches and Call-IDs: random enough to be globally unique (RFC 3261 §19.3, §8.1.1.7).</summary>
public static class SipIds
{
    public static string NewTag() => Hex(8);

    public static string NewBranch() => ViaHeader.BranchCookie + Hex(12);

    public static string NewCallId() => Hex(16);

    private static string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
