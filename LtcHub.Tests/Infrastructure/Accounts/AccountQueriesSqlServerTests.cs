using LtcHub.Domain.Accounts;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Accounts;

/// <summary>The customer list's query, as SQL Server would run it (no server here: the SQL it would be sent).</summary>
public class AccountQueriesSqlServerTests
{
    [Fact]
    public void TheCustomerList_TranslatesForSqlServer_WithOnlyWhatARepMaySee()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var sales = TestActors.Sales("u-rep", 1);

        var sql = AccountReader.Rows(db, sales, new AccountFilter(Text: "华信", Level: CustomerLevel.A, InPool: false)).ToQueryString();

        Assert.Contains("[a].[MergedIntoId] IS NULL", sql);
        Assert.Contains("[a].[OwnerId] = @", sql);
        Assert.Contains("[a].[Level] = @", sql);
        Assert.Contains("LEFT JOIN [AspNetUsers]", sql);
        Assert.Contains("COUNT(*)", sql);
    }
}
