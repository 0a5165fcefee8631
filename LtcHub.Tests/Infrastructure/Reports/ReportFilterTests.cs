using LtcHub.Infrastructure.Reports;

namespace LtcHub.Tests.Infrastructure.Reports;

public class ReportFilterTests
{
    private static readonly DateOnly Today = new(2026, 11, 5);

    private static (bool Ok, ReportFilter Filter, string? Error) Parse(string query)
    {
        var ok = ReportFilter.TryParse(ReportFilter.SplitQuery(query), Today, out var filter, out var error);
        return (ok, filter, error?.Field);
    }

    [Fact]
    public void NoQuery_IsThisMonth()
    {
        var (ok, filter, _) = Parse("");
        Assert.True(ok);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (filter.From, filter.To));
    }

    [Fact]
    public void TheQueryStringRoundTrips()
    {
        var (ok, filter, _) = Parse("from=2026-10-01&to=2026-12-31&team=2&owner=u%201&source=web&campaign=7&segment=b&by=owner&buckets=15,45&ops=3");
        Assert.True(ok);
        Assert.Equal("from=2026-10-01&to=2026-12-31&team=2&owner=u%201&source=Web&campaign=7&segment=B&by=owner&buckets=15,45&ops=3", filter.ToQuery());
        Assert.Equal(filter.ToQuery(), Parse(filter.ToQuery()).Filter.ToQuery());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("team=abc", "team")]
    [InlineData("team=-1", "team")]
    [InlineData("source=Radio", "source")]
    [InlineData("source=3", "source")]
    [InlineData("segment=Z", "segment")]
    [InlineData("by=colour", "by")]
    [InlineData("buckets=60,30", "buckets")]
    [InlineData("buckets=30,,90", "buckets")]
    [InlineData("from=2026-10-31&to=2026-10-01", "to")]
    [InlineData("from=2020-01-01&to=2026-10-01", "to")]
    public void AValueThatDoesNotParse_IsRefusedNamingIt_NeverDropped(string query, string field)
    {
        var (ok, _, error) = Parse(query);
        Assert.False(ok);
        Assert.Equal(field, error);
    }

    [Fact]
    public void ThePeriodsCompanyBoundsAreShanghaiMidnights()
    {
        var filter = new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));
        Assert.Equal(new DateTime(2026, 9, 30, 16, 0, 0, DateTimeKind.Utc), filter.FromUtc);
        Assert.Equal(new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc), filter.EndUtc);
        Assert.Equal((new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 30)), (filter.Previous().From, filter.Previous().To));
    }
}
