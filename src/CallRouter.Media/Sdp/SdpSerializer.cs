using System.Globalization;
using System.Text;

namespace CallRouter.Media.Sdp;

/// <summary>Writes a session description in the line order RFC 8866 §5 requires, CRLF terminated.</summary>
public static class SdpSerializer
{
    public static string Serialize(SessionDescription description)
    {
        var builder = new StringBuilder(512);
        Line(builder, 'v', "0");
        Line(builder, 'o', description.Origin.ToString());
        Line(builder, 's', description.SessionName.Length == 0 ? "-" : description.SessionName);
        foreach (var other in description.OtherLines)
        {
            builder.Append(other).Append("\r\n");
        }

        if (description.Connection is not null)
        {
            Line(builder, 'c', description.Connection.ToString());
        }

        Line(builder, 't', description.Timing);
        foreach (var attribute in description.Attributes)
        {
            Line(builder, 'a', attribute.ToString());
        }

        foreach (var media in description.Media)
        {
            var mediaLine = string.Create(CultureInfo.InvariantCulture, $"{media.Media} {media.Port} {media.Protocol} {string.Join(' ', media.Formats)}");
            Line(builder, 'm', mediaLine);
            if (media.Connection is not null)
            {
                Line(builder, 'c', media.Connection.ToString());
            }

            foreach (var other in media.OtherLines)
            {
                builder.Append(other).Append("\r\n");
            }

            foreach (var attribute in media.Attributes)
            {
                Line(builder, 'a', attribute.ToString());
            }
        }

        return builder.ToString();
    }

    private static void Line(StringBuilder builder, char type, string value) =>
        builder.Append(type).Append('=').Append(value).Append("\r\n");
}
