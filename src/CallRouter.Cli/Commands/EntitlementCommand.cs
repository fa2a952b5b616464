using CallRouter.Contracts.V1;
using Google.Protobuf;

namespace CallRouter.Cli.Commands;

/// <summary><c>entitlement import FILE</c> and <c>entitlement history</c> (supervisors and admins).</summary>
internal static class EntitlementCommand
{
    public static async Task<int> RunAsync(string action, string? file, CliArguments args, CancellationToken cancel)
    {
        using Connection connection = await Connection.OpenAsync(args.Server, args.Get("user", "supervisor"), args.Password("demo-supervisor"), cancel);
        var cases = new CaseService.CaseServiceClient(connection.Invoker);
        string manufacturer = args.Get("manufacturer", "");
        switch (action)
        {
            case "import":
                if (string.IsNullOrEmpty(file))
                {
                    throw new CliException("usage: entitlement import FILE [--manufacturer M]");
                }

                if (!File.Exists(file))
                {
                    throw new CliException($"no such file: {file}");
                }

                EntitlementImport import = await cases.ImportEntitlementsAsync(new ImportEntitlementsRequest
                {
                    Manufacturer = manufacturer,
                    SourceName = Path.GetFileName(file),
                    Csv = ByteString.CopyFrom(await File.ReadAllBytesAsync(file, cancel)),
                }, cancellationToken: cancel);
                return Print(import);

            case "history":
                ListEntitlementImportsResponse history = await cases.ListEntitlementImportsAsync(new ListEntitlementImportsRequest { Manufacturer = manufacturer }, cancellationToken: cancel);
                foreach (EntitlementImport past in history.Imports)
                {
                    Console.WriteLine($"{past.Id,5} {past.ImportedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm}Z {(past.Accepted ? "accepted" : "REJECTED"),-8} {past.RowCount,7} rows  {past.SourceName} by {past.ImportedBy} ({past.Errors.Count} errors)");
                }

                return 0;

            default:
                throw new CliException("usage: entitlement import FILE | entitlement history");
        }
    }

    private static int Print(EntitlementImport import)
    {
        if (import.Accepted)
        {
            Console.WriteLine($"accepted: {import.RowCount} customers are now the entitlement list of {import.Manufacturer} (import {import.Id})");
            return 0;
        }

        Console.Error.WriteLine($"rejected: {import.SourceName} has {import.Errors.Count} error(s); the previous list stays active (import {import.Id})");
        foreach (EntitlementImportError error in import.Errors)
        {
            Console.Error.WriteLine($"  line {error.Line}, {error.Column}: {error.Reason}");
        }

        return 1;
    }
}
