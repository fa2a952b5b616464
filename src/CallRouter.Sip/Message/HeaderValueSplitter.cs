namespace CallRouter.Sip.Message;

/// <summary>Splits comma-separated header values, ignoring commas inside quoted strings and angle brackets.</summary>
internal static class HeaderValueSplitter
{
    public static void Split(string value, List<string> into)
    {
        int start = 0;
        bool quoted = false;
        bool angled = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == '<') angled = true;
            else if (c == '>') angled = false;
            else if (c == ',' && !angled)
            {
                AddTrimmed(value, start, i, into);
                start = i + 1;
            }
        }

        AddTrimmed(value, start, value.Length, into);
    }

    public static int FirstSeparator(ReadOnlySpan<byte> value)
    {
        bool quoted = false;
        bool angled = false;
        for (int i = 0; i < value.Length; i++)
        {
            byte c = value[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == '<') angled = true;
            else if (c == '>') angled = false;
            else if (c == ',' && !angled) return i;
        }

        return -1;
    }

    private static void AddTrimmed(string value, int start, int end, List<string> into)
    {
        var part = value.AsSpan(start, end - start).Trim();
        if (!part.IsEmpty) into.Add(part.ToString());
    }
}
