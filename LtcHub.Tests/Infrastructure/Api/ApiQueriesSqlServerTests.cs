using LtcHub.Domain.Accounts;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Api;

/// <summary>The API's lists as SQL Server would run them (no server here: the SQL it would be sent), each narrowed to what a rep may see.</summary>
public class ApiQueriesSqlServerTests
{
    private static readonly DateTime Since = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Contacts_ChangedSince_TranslateWithTheCustomerVisibilityAndTheStamp()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var sql = ApiReader.Contacts(db, TestActors.Sales("u-rep", 1), new AccountFilter(City: "上海"), null, Since).ToQueryString();

        Assert.Contains("[a].[OwnerId] = @", sql);
        Assert.Contains("[c].[UpdatedAtUtc] >= @", sql);
        Assert.Contains("ORDER BY [c].[Id]", sql);
    }

    [Fact]
    public void AccountsChangedSince_TranslateWithTheStamp()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var sql = AccountReader.Filtered(db, TestActors.Sales("u-rep", 1), AccountFilter.Everything, Since).ToQueryString();

        Assert.Contains("[a].[UpdatedAtUtc] >= @", sql);
    }

    [Fact]
    public void InvoicesAndPayments_TranslateWithWhatARepMayRead()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var rep = TestActors.Sales("u-rep", 1);
        var today = new DateOnly(2026, 12, 2);

        var invoices = ApiReader.Invoices(db, rep, new InvoiceFilter(InvoiceStatusFilter.Overdue), Since, today).ToQueryString();
        var payments = ApiReader.Payments(db, rep, new InvoiceFilter(), 7, Since, today).ToQueryString();

        Assert.Contains("[d].[OwnerId] = @", invoices);
        Assert.Contains("[i].[UpdatedAtUtc] >= @", invoices);
        Assert.Contains("[i].[DueDate] < @", invoices);
        Assert.Contains("FROM [Payments]", payments);
        Assert.Contains("[p].[RecordedAtUtc] >= @", payments);
        Assert.Contains("[d].[OwnerId] = @", payments);
    }

    [Fact]
    public void Quotes_TranslateWithTheDocumentPolicy()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var sql = ApiReader.Quotes(db, TestActors.Sales("u-rep", 1), 12, Since).ToQueryString();

        Assert.Contains("[d].[OwnerId] = @", sql);
        Assert.Contains("[q].[UpdatedAtUtc] >= @", sql);
        Assert.Contains("ORDER BY [q].[Id]", sql);
    }
}
