using CallRouter.Sip.Message;
using CsCheck;

namespace CallRouter.Sip.Tests.Message;

/// <summary>Random mutations of valid messages: the parser never throws or loops, and canonical form is a fixed point.</summary>
public class SipParserPropertyTests
{
    private static readonly byte[][] s_seeds =
    [
        SipSamples.Bytes(SipSamples.Invite),
        SipSamples.Bytes(SipSamples.Ok),
        SipSamples.Bytes(SipSamples.Request("REGISTER", "Contact: <sip:a@10.0.0.1>;expires=60", "Subject: folded", " value")),
    ];

    private static readonly byte[] s_interesting = "\r\n \t:;,<>\"%@=?&/0123456789-abcXYZ\0\u007f"u8.ToArray();

    private static readonly Gen<byte[]> s_mutated =
        Gen.Select(Gen.Int[0, s_seeds.Length - 1], Gen.Int[1, 8].SelectMany(n => Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2000], Gen.Byte, Gen.Int[0, s_interesting.Length - 1]).Array[n]))
            .Select(t => Mutate(s_seeds[t.Item1], t.Item2));

    [Fact]
    public void Parse_RandomMutations_NeverThrowAndStayWithinBuffer()
    {
        s_mutated.Sample(bytes =>
        {
            foreach (var framing in new[] { SipFraming.Datagram, SipFraming.Stream })
            {
                var result = SipParser.Parse(bytes, framing, out var message);
                Assert.InRange(result.Consumed, 0, bytes.Length);
                if (result.Status == ParseStatus.Complete)
                {
                    Assert.NotNull(message);
                    Assert.True(message.Raw.Length <= bytes.Length);
                    _ = SipSerializer.ToBytes(message);
                }
            }
        }, iter: 5000, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Serialize_ParsedMutation_IsStableUnderReparse()
    {
        s_mutated.Sample(bytes =>
        {
            if (SipParser.Parse(bytes, SipFraming.Datagram, out var first).Status != ParseStatus.Complete) return;
            var canonical = SipSerializer.ToBytes(first!);
            var again = SipParser.Parse(canonical, SipFraming.Stream, out var second);
            Assert.Equal(ParseStatus.Complete, again.Status);
            Assert.Equal(canonical, SipSerializer.ToBytes(second!));
            Assert.Equal(NonLengthHeaders(first!), NonLengthHeaders(second!));
            Assert.Equal(first.Body.ToArray(), second.Body.ToArray());
        }, iter: 5000, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void TypedAccessors_OnRandomMutations_ThrowOnlyFormatException()
    {
        s_mutated.Sample(bytes =>
        {
            if (SipParser.Parse(bytes, SipFraming.Datagram, out var message).Status != ParseStatus.Complete) return;
            Touch(() => message!.TopVia);
            Touch(() => message!.From);
            Touch(() => message!.To);
            Touch(() => message!.IsRequest ? message.RequestUri : null);
            Touch(() => message!.GetHeaderValues(HeaderKind.Contact).Select(NameAddress.Parse).ToList());
        }, iter: 3000, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    private static int NonLengthHeaders(SipMessage message) =>
        Enumerable.Range(0, message.HeaderCount).Count(i => message.GetHeaderKind(i) != HeaderKind.ContentLength);

    private static void Touch(Func<object?> accessor)
    {
        try
        {
            _ = accessor();
        }
        catch (FormatException)
        {
            // A malformed typed value is reported this way by design; anything else is a bug.
        }
    }

    private static byte[] Mutate(byte[] seed, (int Kind, int Position, byte Value, int Pick)[] edits)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, position, value, pick) in edits)
        {
            if (bytes.Count == 0) break;
            int at = position % bytes.Count;
            switch (kind)
            {
                case 0: bytes[at] = value; break;
                case 1: bytes[at] = s_interesting[pick]; break;
                case 2: bytes.Insert(at, s_interesting[pick]); break;
                default: bytes.RemoveRange(at, Math.Min(1 + (value % 8), bytes.Count - at)); break;
            }
        }

        return bytes.ToArray();
    }
}
