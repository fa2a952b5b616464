using System.Globalization;
using System.Text;

namespace CallRouter.Cases.Entitlement;

/// <summary>
/// Reads the manufacturer's flat file: RFC 4180 CSV with a header naming the columns
/// customer_account, name, service_level, expiry_date (any order, case and spacing ignored).
/// Dates are ISO yyyy-MM-dd: a US file's 03/04/2026 is ambiguous and is rejected, not guessed.
/// Every bad row is reported with its line, column and reason; the caller accepts the file
/// only if there are none.
/// </summary>
public static class EntitlementCsvParser
{
    public const string AccountColumn = "customer_account";
    public const string NameColumn = "name";
    public const string LevelColumn = "service_level";
    public const string ExpiryColumn = "expiry_date";
    private const int MaxFieldLength = 200;

    /// <summary>Far above any real customer list; stops a wrong or runaway file early.</summary>
    public const int MaxRows = 1_000_000;

    // A file with this many bad rows is the wrong file; listing more helps nobody.
    private const int MaxErrors = 1000;

    public static EntitlementParseResult Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<EntitlementEntry>();
        var errors = new List<EntitlementImportError>();
        var firstLineOfAccount = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int>? columns = null;
        var rows = 0;

        foreach (var (line, fields, error) in ReadRecords(reader))
        {
            if (error is not null)
            {
                errors.Add(new EntitlementImportError(line, "(row)", error));
                continue;
            }

            if (columns is null)
            {
                columns = ReadHeader(line, fields, errors);
                if (columns is null)
                {
                    break;
                }

                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            rows++;
            if (rows > MaxRows)
            {
                errors.Add(new EntitlementImportError(line, "(row)", $"the file has more than {MaxRows:N0} rows; import refused"));
                break;
            }

            if (errors.Count >= MaxErrors)
            {
                errors.Add(new EntitlementImportError(line, "(row)", $"more than {MaxErrors} errors; the rest of the file was not checked"));
                break;
            }
            if (fields.Count != columns.Count)
            {
                errors.Add(new EntitlementImportError(line, "(row)", $"expected {columns.Count} fields, found {fields.Count}"));
                continue;
            }

            var account = Field(fields, columns, AccountColumn, line, errors);
            var name = Field(fields, columns, NameColumn, line, errors);
            var level = Field(fields, columns, LevelColumn, line, errors);
            var expiryText = Field(fields, columns, ExpiryColumn, line, errors);
            DateOnly expiry = default;
            if (expiryText is not null && !DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry))
            {
                errors.Add(new EntitlementImportError(line, ExpiryColumn, $"'{Shorten(expiryText)}' is not a date in yyyy-MM-dd form"));
                expiryText = null;
            }

            if (account is not null)
            {
                var key = EntitlementEntry.NormaliseAccount(account);
                if (firstLineOfAccount.TryGetValue(key, out var first))
                {
                    errors.Add(new EntitlementImportError(line, AccountColumn, $"account '{Shorten(account)}' already appears on line {first}"));
                    account = null;
                }
                else
                {
                    firstLineOfAccount[key] = line;
                }
            }

            if (account is not null && name is not null && level is not null && expiryText is not null)
            {
                entries.Add(new EntitlementEntry(account, name, level, expiry));
            }
        }

        if (columns is null && errors.Count == 0)
        {
            errors.Add(new EntitlementImportError(1, "(header)", "the file is empty"));
        }
        else if (columns is not null && rows == 0)
        {
            // An empty list would leave every caller "not under contract": refuse it.
            errors.Add(new EntitlementImportError(2, "(row)", "the file has a header but no customer rows"));
        }

        return new EntitlementParseResult(entries, errors, rows);
    }

    private static Dictionary<string, int>? ReadHeader(int line, List<string> fields, List<EntitlementImportError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (name == "customer_name")
            {
                name = NameColumn;
            }

            if (!columns.TryAdd(name, i))
            {
                errors.Add(new EntitlementImportError(line, name, "column appears twice in the header"));
            }
        }

        foreach (var required in new[] { AccountColumn, NameColumn, LevelColumn, ExpiryColumn })
        {
            if (!columns.ContainsKey(required))
            {
                errors.Add(new EntitlementImportError(line, required, "required column is missing from the header"));
            }
        }

        return errors.Count == 0 ? columns : null;
    }

    private static string? Field(List<string> fields, Dictionary<string, int> columns, string column, int line, List<EntitlementImportError> errors)
    {
        var value = fields[columns[column]].Trim();
        if (value.Length == 0)
        {
            errors.Add(new EntitlementImportError(line, column, "value is empty"));
            return null;
        }

        if (value.Length > MaxFieldLength)
        {
            errors.Add(new EntitlementImportError(line, column, $"value is longer than {MaxFieldLength} characters"));
            return null;
        }

        return value;
    }

    /// <summary>RFC 4180 records with the physical line each starts on; quoted fields may span lines.</summary>
    private static IEnumerable<(int Line, List<string> Fields, string? Error)> ReadRecords(TextReader reader)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            var startLine = lineNumber;
            var fields = new List<string>();
            var field = new StringBuilder();
            var inQuotes = false;
            string? error = null;
            var i = 0;
            while (true)
            {
                if (i == text.Length)
                {
                    if (!inQuotes)
                    {
                        fields.Add(field.ToString());
                        break;
                    }

                    if (reader.ReadLine() is not { } next)
                    {
                        error = "a quoted field is never closed";
                        break;
                    }

                    lineNumber++;
                    field.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }

                var c = text[i++];
                if (inQuotes)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '"' && field.Length == 0)
                {
                    inQuotes = true;
                }
                else
                {
                    field.Append(c);
                }
            }

            yield return (startLine, fields, error);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
