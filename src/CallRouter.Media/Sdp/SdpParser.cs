using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CallRouter.Media.Sdp;

/// <summary>
/// Parses SDP (RFC 8866). Strict where a mistake would change the media path (v=, o=, c=, m=
/// must be well formed, ports in range), lenient where RFC 8866 asks to be (unknown line types
/// and attributes are kept, bare LF line ends are accepted). Never throws on bad input.
/// </summary>
public static class SdpParser
{
    /// <summary>Bodies larger than this are refused before any parsing work.</summary>
    public const int MaxLength = 16 * 1024;

    private const int MaxMediaSections = 16;

    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
    {
        if (utf8.Length > MaxLength)
        {
            description = null;
            error = $"SDP body is {utf8.Length} bytes, more than the {MaxLength} allowed";
            return false;
        }

        return TryParse(Encoding.UTF8.GetString(utf8), out description, out error);
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
    {
        description = null;
        if (text.Length > MaxLength)
        {
            error = $"SDP body is longer than the {MaxLength} characters allowed";
            return false;
        }

        var lines = text.Split('\n');
        SdpOrigin? origin = null;
        string? sessionName = null;
        SdpConnection? sessionConnection = null;
        string? timing = null;
        var sessionAttributes = new List<SdpAttribute>();
        var sessionOther = new List<string>();
        var media = new List<MediaDescription>();
        var sawVersion = false;

        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0)
            {
                // Blank lines are tolerated only at the very end (a trailing CRLF).
                if (lines.Skip(index + 1).All(l => l.TrimEnd('\r').Length == 0))
                {
                    break;
                }

                error = $"line {index + 1}: empty line inside the description";
                return false;
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = $"line {index + 1}: expected '<letter>=<value>'";
                return false;
            }

            var type = line[0];
            var value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value != "0")
                {
                    error = "the description must start with v=0";
                    return false;
                }

                sawVersion = true;
                continue;
            }

            var current = media.Count > 0 ? media[^1] : null;
            switch (type)
            {
                case 'o' when current is null:
                    if (origin is not null || !TryParseOrigin(value, out origin))
                    {
                        error = $"line {index + 1}: malformed or repeated o= line";
                        return false;
                    }

                    break;
                case 's' when current is null:
                    sessionName = value;
                    break;
                case 't' when current is null:
                    timing ??= value;
                    break;
                case 'c':
                    if (!TryParseConnection(value, out var connection))
                    {
                        error = $"line {index + 1}: malformed c= line";
                        return false;
                    }

                    if (current is null)
                    {
                        sessionConnection = connection;
                    }
                    else
                    {
                        current.Connection = connection;
                    }

                    break;
                case 'a':
                    var attribute = ParseAttribute(value);
                    if (current is null)
                    {
                        sessionAttributes.Add(attribute);
                    }
                    else
                    {
                        current.Attributes.Add(attribute);
                    }

                    break;
                case 'm':
                    if (media.Count == MaxMediaSections || !TryParseMedia(value, out var section))
                    {
                        error = $"line {index + 1}: malformed m= line or too many media sections";
                        return false;
                    }

                    media.Add(section);
                    break;
                default:
                    (current?.OtherLines ?? sessionOther).Add(line);
                    break;
            }
        }

        if (!sawVersion)
        {
            error = "the description must start with v=0";
            return false;
        }

        if (origin is null || sessionName is null || timing is null)
        {
            error = "the description lacks one of the mandatory v=, o=, s= or t= lines";
            return false;
        }

        foreach (var section in media)
        {
            if (section.Port != 0 && section.Connection is null && sessionConnection is null)
            {
                error = $"m={section.Media} has no connection address (c=) at media or session level";
                return false;
            }
        }

        description = new SessionDescription(origin, sessionName) { Connection = sessionConnection, Timing = timing };
        description.Attributes.AddRange(sessionAttributes);
        description.OtherLines.AddRange(sessionOther);
        description.Media.AddRange(media);
        error = null;
        return true;
    }

    private static bool TryParseOrigin(string value, [NotNullWhen(true)] out SdpOrigin? origin)
    {
        origin = null;
        var parts = value.Split(' ');
        if (parts.Length != 6
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sessionId)
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        origin = new SdpOrigin(parts[0], sessionId, version, parts[3], parts[4], parts[5]);
        return true;
    }

    private static bool TryParseConnection(string value, [NotNullWhen(true)] out SdpConnection? connection)
    {
        connection = null;
        var parts = value.Split(' ');
        if (parts.Length != 3 || parts[0] != "IN" || parts[1] is not ("IP4" or "IP6") || parts[2].Length == 0)
        {
            return false;
        }

        // A multicast TTL or address count ("/127") is not used by unicast telephony; keep the address only.
        var slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        connection = new SdpConnection(parts[0], parts[1], slash < 0 ? parts[2] : parts[2][..slash]);
        return true;
    }

    private static bool TryParseMedia(string value, [NotNullWhen(true)] out MediaDescription? media)
    {
        media = null;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
        {
            return false;
        }

        var portText = parts[1];
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        media = new MediaDescription(parts[0], port, parts[2], parts.Skip(3));
        return true;
    }

    private static SdpAttribute ParseAttribute(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SdpAttribute(value, null) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
    }
}
