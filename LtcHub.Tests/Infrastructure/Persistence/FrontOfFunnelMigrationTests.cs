using LtcHub.Domain.Accounts;
using LtcHub.Domain.Scoring;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Persistence;

/// <summary>A database from before leads and the pool, migrated: companies get an owner, a status, and a pool clock starting now.</summary>
public class FrontOfFunnelMigrationTests
{
    [Fact]
    public async Task Companies_AreOwnedByTheirLatestDealsOwner_CustomersIfWon_AndOldScoresKeepAGrade()
    {
        using var database = new TempDatabase();
        await database.AtMigrationAsync("20261127205058_UserTheme", """
            INSERT INTO AspNetUsers (Id, DisplayName, PreferredCulture, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, Theme)
                VALUES ('u1', 'Old owner', 'zh-CN', 1, 0, 0, 0, 0, 'Light'), ('u2', 'New owner', 'zh-CN', 1, 0, 0, 0, 0, 'Light');
            INSERT INTO Accounts (Id, Name, PreferredCulture) VALUES (1, '上海华信科技有限公司', 'zh-CN'), (2, '无商机客户', 'zh-CN');
            INSERT INTO Contacts (Id, AccountId, Name, Phone, Email) VALUES (1, 1, '陈经理', '+86 138-0013-8000', 'Chen@HuaXin.cn');
            INSERT INTO Stages (Id, Key, NameZh, NameEn, "Order", OwningTeam, Probability, EntryRules, Version)
                VALUES (1, 'lead', '线索', 'Lead', 1, 1, 10, 0, 1), (2, 'won', '赢单', 'Won', 5, 1, 100, 0, 1);
            INSERT INTO Deals (Id, Name, AccountId, OwnerId, Amount, Currency, StageId, QualificationScore, CreatedAtUtc, EnteredStageAtUtc, UpdatedAtUtc, Version)
                VALUES (10, 'Old', 1, 'u1', '1000.0', 'CNY', 2, 85, '2025-01-01 00:00:00', '2025-02-01 00:00:00', '2025-02-01 00:00:00', 1),
                       (11, 'New', 1, 'u2', '1000.0', 'CNY', 1, 55, '2026-03-01 00:00:00', '2026-03-01 00:00:00', '2026-03-01 00:00:00', 1);
            """);

        var before = DateTime.UtcNow.AddMinutes(-1);
        await using (var db = database.Context())
        {
            await db.Database.MigrateAsync();
            var huaxin = await db.Accounts.SingleAsync(a => a.Id == 1);
            Assert.Equal(("u2", AccountStatus.Customer, CustomerLevel.C, new DateTime(2025, 1, 1)), (huaxin.OwnerId, huaxin.Status, huaxin.Level, huaxin.CreatedAtUtc));
            Assert.True(huaxin.OwnedSinceUtc > before, "the pool clock starts at the upgrade");

            var lonely = await db.Accounts.SingleAsync(a => a.Id == 2);
            Assert.True(lonely.InPool);
            Assert.Equal(AccountStatus.Prospect, lonely.Status);

            Assert.Equal([(10, Grade.A), (11, Grade.C)], await db.Deals.OrderBy(d => d.Id).Select(d => ValueTuple.Create(d.Id, d.Grade!.Value)).ToListAsync());

            // The duplicate check's keys are C#, not SQL: the first start fills them in.
            await LtcHub.Infrastructure.Seeding.MatchingKeys.BackfillAsync(db, CancellationToken.None);
        }

        await using (var db = database.Context())
        {
            Assert.Equal("华信科技", await db.Accounts.Where(a => a.Id == 1).Select(a => a.NameKey).SingleAsync());
            Assert.Equal(("13800138000", "chen@huaxin.cn"), await db.Contacts.Where(c => c.Id == 1).Select(c => ValueTuple.Create(c.PhoneKey!, c.EmailKey!)).SingleAsync());
        }
    }
}
