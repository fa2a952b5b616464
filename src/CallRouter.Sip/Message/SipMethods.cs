using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>Maps method tokens to <see cref="SipMethod"/> without allocating; method names are case-sensitive (RFC 3261 §7.1).</summary>
public static class SipMethods
{
    private static readonly string[] s_names =
    [
        "", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
        "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
    ];

    private static readonly byte[][] s_utf8 = s_names.Select(Encoding.ASCII.GetBytes).ToArray();

    public static string ToName(SipMethod method) => s_names[(int)method];

    public static SipMethod Parse(ReadOnlySpan<byte> token)
    {
        // Length first keeps the common case to one or two comparisons.
        switch (token.Length)
        {
            case 3:
                if (token.SequenceEqual("ACK"u8)) return SipMethod.Ack;
                if (token.SequenceEqual("BYE"u8)) return SipMethod.Bye;
                break;
            case 4:
                if (token.SequenceEqual("INFO"u8)) return SipMethod.Info;
                break;
            case 5:
                if (token.SequenceEqual("PRACK"u8)) return SipMethod.Prack;
                if (token.SequenceEqual("REFER"u8)) return SipMethod.Refer;
                break;
            case 6:
                if (token.SequenceEqual("INVITE"u8)) return SipMethod.Invite;
                if (token.SequenceEqual("CANCEL"u8)) return SipMethod.Cancel;
                if (token.SequenceEqual("NOTIFY"u8)) return SipMethod.Notify;
                if (token.SequenceEqual("UPDATE"u8)) return SipMethod.Update;
                break;
            case 7:
                if (token.SequenceEqual("OPTIONS"u8)) return SipMethod.Options;
                if (token.SequenceEqual("PUBLISH"u8)) return SipMethod.Publish;
                if (token.SequenceEqual("MESSAGE"u8)) return SipMethod.Message;
                break;
            case 8:
                if (token.SequenceEqual("REGISTER"u8)) return SipMethod.Register;
                break;
            case 9:
                if (token.SequenceEqual("SUBSCRIBE"u8)) return SipMethod.Subscribe;
                break;
        }

        return SipMethod.Unknown;
    }

    public static SipMethod Parse(string token) => Parse(Encoding.ASCII.GetBytes(token));

    internal static ReadOnlySpan<byte> Utf8(SipMethod method) => s_utf8[(int)method];
}
