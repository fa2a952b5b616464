using CallRouter.Cases.Entitlement;

namespace CallRouter.Cases.Tests.Entitlement;

public sealed class EntitlementCsvParserTests
{
    private const string Header = "customer_account,name,service_level,expiry_date\n";

    private static EntitlementParseResult Parse(string text) => EntitlementCsvParser.Parse(new StringReader(text));

    [Fact]
    public void Parse_QuotedFieldsAndReorderedColumns_ReadsValues()
    {
        var result = Parse("Expiry Date,Service-Level,Customer Name,CUSTOMER_ACCOUNT\r\n2026-12-31,Gold,\"Acme \"\"West\"\", Inc.\",A-1\r\n");

        Assert.True(result.IsValid);
        Assert.Equal(new EntitlementEntry("A-1", "Acme \"West\", Inc.", "Gold", new DateOnly(2026, 12, 31)), Assert.Single(result.Entries));
    }

    [Fact]
    public void Parse_MissingColumn_HeaderErrorNamesTheColumn()
    {
        var result = Parse("customer_account,name,expiry_date\nA,B,2026-01-01\n");

        Assert.Equal(new EntitlementImportError(1, "service_level", "required column is missing from the header"), Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("A,B,Gold,12/31/2026", "expiry_date")]
    [InlineData("A,B,Gold,2026-02-30", "expiry_date")]
    [InlineData(",B,Gold,2026-12-31", "customer_account")]
    [InlineData("A,B,,2026-12-31", "service_level")]
    [InlineData("A,B,Gold", "(row)")]
    [InlineData("A,B,Gold,2026-12-31,extra", "(row)")]
    public void Parse_BadRow_ErrorWithLineAndColumn(string row, string column)
    {
        var result = Parse(Header + "OK-1,Fine,Gold,2026-12-31\n" + row + "\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, column), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_DuplicateAccountDifferingInCase_ErrorPointsToFirstLine()
    {
        var result = Parse(Header + "acme,Acme,Gold,2026-12-31\nACME ,Acme again,Gold,2026-12-31\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "customer_account"), (error.Line, error.Column));
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedNewlineThenBadRow_LineNumbersCountPhysicalLines()
    {
        var result = Parse(Header + "A,\"two\nlines\",Gold,2026-12-31\nB,C,Gold,nope\n");

        Assert.Equal(4, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Parse_UnclosedQuote_ReportedNotSwallowed()
    {
        var result = Parse(Header + "A,\"never closed,Gold,2026-12-31\n");

        Assert.Contains(result.Errors, e => e.Line == 2 && e.Reason.Contains("never closed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(Header)]
    [InlineData(Header + "\n\n")]
    public void Parse_NoCustomerRows_RejectedSoTheListIsNeverEmptied(string text)
    {
        Assert.False(Parse(text).IsValid);
    }

    [Fact]
    public void Parse_ThousandsOfBadRows_StopsAfterTheErrorCapWithAClosingError()
    {
        var text = Header + string.Concat(Enumerable.Range(0, 5000).Select(i => $"A{i},Name,Gold,not-a-date\n"));

        var result = Parse(text);

        Assert.Equal(1001, result.Errors.Count);
        Assert.Contains("rest of the file was not checked", result.Errors[^1].Reason, StringComparison.Ordinal);
    }
}
