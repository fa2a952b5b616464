using System.Globalization;
using System.Net;
using CallRouter.Media.Codecs;

namespace CallRouter.Media.Sdp;

/// <summary>
/// RFC 3264 offer/answer for a single telephony audio stream: G.711 plus telephone-event.
/// Every offered m= line gets an answer line (RFC 3264 §6); the first usable audio stream is
/// accepted, everything else is refused with port 0.
/// </summary>
public static class SdpNegotiator
{
    private const string TelephoneEvent = "telephone-event";

    /// <summary>Builds an offer for one audio stream listening on <paramref name="localPort"/>.</summary>
    public static SessionDescription CreateOffer(MediaCapabilities local, int localPort, MediaDirection direction = MediaDirection.SendRecv, SdpOrigin? previous = null)
    {
        var description = NewDescription(local, previous);
        var audio = new MediaDescription("audio", localPort, "RTP/AVP", []);
        foreach (var law in local.Codecs)
        {
            AddCodec(audio, AudioCodec.Static(law));
        }

        if (local.TelephoneEventPayloadType is { } eventType)
        {
            AddTelephoneEvent(audio, eventType);
        }

        AddCommonAttributes(audio, local, direction);
        description.Media.Add(audio);
        return description;
    }

    /// <summary>Answers a remote offer; <paramref name="localIntent"/> lets us put the peer on hold (sendonly) in the answer.</summary>
    public static OfferAnswerResult Answer(SessionDescription offer, MediaCapabilities local, int localPort, MediaDirection localIntent = MediaDirection.SendRecv, SdpOrigin? previous = null)
    {
        var answer = NewDescription(local, previous);
        NegotiatedMedia? negotiated = null;
        var refusals = new List<string>();

        foreach (var offered in offer.Media)
        {
            var refusal = negotiated is not null ? "a second audio stream is not supported" : CheckUsable(offer, offered);
            AudioCodec? codec = null;
            if (refusal is null)
            {
                codec = ChooseCodec(offered, local.Codecs);
                refusal = codec is null ? $"no common codec (offered {DescribeFormats(offered)}; supported {string.Join(", ", local.Codecs.Select(l => AudioCodec.Static(l).EncodingName))})" : null;
            }

            if (refusal is not null || codec is null)
            {
                refusals.Add($"m={offered.Media} {offered.Protocol}: {refusal}");
                answer.Media.Add(new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats));
                continue;
            }

            var connection = offer.ConnectionFor(offered)!;
            if (!IPAddress.TryParse(connection.Address, out var remoteAddress))
            {
                refusals.Add($"m=audio: connection address '{connection.Address}' is not an IP address");
                answer.Media.Add(new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats));
                continue;
            }

            var offeredDirection = offered.GetDirection(offer.DefaultDirection);
            if (connection.IsLegacyHold)
            {
                // RFC 3264 §8.4: c=0.0.0.0 means the offerer does not want to receive.
                offeredDirection = offeredDirection.Intersect(MediaDirection.SendOnly);
            }

            var direction = offeredDirection.Reverse().Intersect(localIntent);
            var eventType = local.TelephoneEventPayloadType is null ? null : FindTelephoneEvent(offered);

            var accepted = new MediaDescription("audio", localPort, offered.Protocol, []);
            AddCodec(accepted, codec);
            if (eventType is { } pt)
            {
                AddTelephoneEvent(accepted, pt);
            }

            AddCommonAttributes(accepted, local, direction);
            answer.Media.Add(accepted);

            var ptime = NormalisePacketTime(offered.GetPacketTime());
            negotiated = new NegotiatedMedia(codec, eventType, new IPEndPoint(remoteAddress, offered.Port), direction, ptime);
        }

        if (negotiated is null)
        {
            var detail = refusals.Count == 0 ? "the offer contains no media stream" : string.Join("; ", refusals);
            return OfferAnswerResult.NotAcceptable($"No usable audio stream: {detail}");
        }

        return OfferAnswerResult.Accepted(answer, negotiated);
    }

    /// <summary>Applies the peer's answer to an offer we made. Returns a 488-style refusal when the answer rejects audio.</summary>
    public static OfferAnswerResult ProcessAnswer(SessionDescription offer, SessionDescription answer, MediaCapabilities local)
    {
        var offeredAudio = offer.Media.FindIndex(m => m.Media == "audio" && m.Port != 0);
        if (offeredAudio < 0 || offeredAudio >= answer.Media.Count)
        {
            return OfferAnswerResult.NotAcceptable("The answer has no m= line for the offered audio stream");
        }

        var section = answer.Media[offeredAudio];
        if (section.Port == 0)
        {
            return OfferAnswerResult.NotAcceptable("The answer rejected the audio stream (port 0)");
        }

        var codec = ChooseCodec(section, local.Codecs);
        var connection = answer.ConnectionFor(section);
        if (codec is null || connection is null || !IPAddress.TryParse(connection.Address, out var address))
        {
            return OfferAnswerResult.NotAcceptable($"The answer names no codec we offered or no IP address (got {DescribeFormats(section)})");
        }

        var ourDirection = offer.Media[offeredAudio].GetDirection(offer.DefaultDirection);
        var theirDirection = section.GetDirection(answer.DefaultDirection);
        if (connection.IsLegacyHold)
        {
            theirDirection = theirDirection.Intersect(MediaDirection.SendOnly);
        }

        var direction = ourDirection.Intersect(theirDirection.Reverse());
        var eventType = local.TelephoneEventPayloadType is null ? null : FindTelephoneEvent(section);
        var media = new NegotiatedMedia(codec, eventType, new IPEndPoint(address, section.Port), direction, NormalisePacketTime(section.GetPacketTime()));
        return OfferAnswerResult.Accepted(answer, media);
    }

    private static string? CheckUsable(SessionDescription offer, MediaDescription offered)
    {
        if (offered.Media != "audio")
        {
            return "only audio is supported";
        }

        if (offered.Port == 0)
        {
            return "stream disabled by the offerer (port 0)";
        }

        if (!offered.IsRtpAvp)
        {
            return $"transport {offered.Protocol} is not supported (RTP/AVP only)";
        }

        return offer.ConnectionFor(offered) is null ? "no connection address" : null;
    }

    private static AudioCodec? ChooseCodec(MediaDescription offered, IReadOnlyList<G711Law> supported)
    {
        // Honour the offerer's preference order (RFC 3264 §6.1) among the codecs we support.
        foreach (var format in offered.Formats)
        {
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var payloadType) || payloadType > 127)
            {
                continue;
            }

            var map = offered.GetRtpMap(payloadType);
            G711Law? law = map is { } m
                ? m.ClockRate != 8000 || m.Channels != 1 ? null
                    : m.EncodingName.Equals("PCMU", StringComparison.OrdinalIgnoreCase) ? G711Law.MuLaw
                    : m.EncodingName.Equals("PCMA", StringComparison.OrdinalIgnoreCase) ? G711Law.ALaw
                    : null
                : payloadType switch { 0 => G711Law.MuLaw, 8 => G711Law.ALaw, _ => null };

            if (law is { } found && supported.Contains(found))
            {
                return new AudioCodec(payloadType, found);
            }
        }

        return null;
    }

    private static int? FindTelephoneEvent(MediaDescription offered)
    {
        foreach (var format in offered.Formats)
        {
            if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var payloadType)
                && offered.GetRtpMap(payloadType) is { } map
                && map.EncodingName.Equals(TelephoneEvent, StringComparison.OrdinalIgnoreCase)
                && map.ClockRate == 8000)
            {
                return payloadType;
            }
        }

        return null;
    }

    private static int NormalisePacketTime(int? offered) =>
        // We packetise in whole 10 ms steps up to 60 ms; anything else falls back to 20 ms.
        offered is { } p && p % 10 == 0 && p is >= 10 and <= 60 ? p : 20;

    private static string DescribeFormats(MediaDescription media) =>
        media.Formats.Count == 0
            ? "nothing"
            : string.Join(", ", media.Formats.Select(f =>
                int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && media.GetRtpMap(pt) is { } map
                    ? $"{f} {map.EncodingName}"
                    : f));

    private static SessionDescription NewDescription(MediaCapabilities local, SdpOrigin? previous)
    {
        var connection = SdpConnection.For(local.Address);
        var origin = previous?.NextVersion() ?? new SdpOrigin(
            local.UserName,
            (ulong)Random.Shared.NextInt64(1, long.MaxValue),
            1,
            "IN",
            connection.AddressType,
            connection.Address);
        return new SessionDescription(origin, "CallRouter") { Connection = connection };
    }

    private static void AddCodec(MediaDescription media, AudioCodec codec)
    {
        media.Formats.Add(codec.PayloadType.ToString(CultureInfo.InvariantCulture));
        media.Attributes.Add(new SdpAttribute("rtpmap", new RtpMap(codec.PayloadType, codec.EncodingName, 8000).ToString()));
    }

    private static void AddTelephoneEvent(MediaDescription media, int payloadType)
    {
        media.Formats.Add(payloadType.ToString(CultureInfo.InvariantCulture));
        media.Attributes.Add(new SdpAttribute("rtpmap", new RtpMap(payloadType, TelephoneEvent, 8000).ToString()));
        media.Attributes.Add(new SdpAttribute("fmtp", string.Create(CultureInfo.InvariantCulture, $"{payloadType} 0-15")));
    }

    private static void AddCommonAttributes(MediaDescription media, MediaCapabilities local, MediaDirection direction)
    {
        media.Attributes.Add(new SdpAttribute("ptime", local.PacketTimeMs.ToString(CultureInfo.InvariantCulture)));
        media.Attributes.Add(new SdpAttribute(direction.ToAttributeName(), null));
    }
}
