using LtcHub.Domain.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Persistence;

/// <summary>A database from before contracts existed, migrated: each contract reference becomes a contract with a plan built from its invoices.</summary>
public class ContractMigrationTests
{
    [Fact]
    public async Task ContractReferences_BecomeContracts_WhoseInvoicesAreTheirFirstInstalments()
    {
        using var database = new TempDatabase();
        await database.AtMigrationAsync("20261127191306_Sessions", """
            INSERT INTO AspNetUsers (Id, DisplayName, PreferredCulture, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('u1', 'Owner', 'zh-CN', 1, 0, 0, 0, 0);
            INSERT INTO Accounts (Id, Name, PreferredCulture) VALUES (1, '客户', 'zh-CN');
            INSERT INTO Stages (Id, Key, NameZh, NameEn, "Order", OwningTeam, Probability, EntryRules, Version) VALUES (1, 'invoiced', '已开票', 'Invoiced', 8, 3, 100, 64, 1);
            INSERT INTO Deals (Id, Name, AccountId, OwnerId, Amount, Currency, ExpectedCloseDate, StageId, ContractReference, CreatedAtUtc, EnteredStageAtUtc, UpdatedAtUtc, Version)
                VALUES (10, 'Migrated', 1, 'u1', '100000.0', 'CNY', '2026-06-01', 1, 'HT-2026-0042', '2026-05-01 00:00:00', '2026-06-05 00:00:00', '2026-06-05 00:00:00', 3),
                       (11, 'Twin A', 1, 'u1', '5000.0', 'CNY', NULL, 1, 'SAME', '2026-05-01 00:00:00', '2026-06-05 00:00:00', '2026-06-05 00:00:00', 1),
                       (12, 'Twin B', 1, 'u1', '7000.0', 'CNY', NULL, 1, 'SAME', '2026-05-01 00:00:00', '2026-06-05 00:00:00', '2026-06-05 00:00:00', 1),
                       (13, 'No reference', 1, 'u1', '7000.0', 'CNY', NULL, 1, NULL, '2026-05-01 00:00:00', '2026-06-05 00:00:00', '2026-06-05 00:00:00', 1);
            INSERT INTO Invoices (Number, DealId, AccountId, Amount, Currency, IssueDate, PaymentTermsDays, DueDate, PaidAmount, CreatedAtUtc, Version)
                VALUES ('INV-2026-00001', 10, 1, '30000.1', 'CNY', '2026-06-10', 30, '2026-07-10', '30000.1', '2026-06-10 00:00:00', 2),
                       ('INV-2026-00002', 10, 1, '20000.0', 'CNY', '2026-07-10', 30, '2026-08-09', '0.0', '2026-07-10 00:00:00', 1);
            INSERT INTO Quotes (DealId, Number, Amount, Currency, CreatedAtUtc, CreatedById) VALUES (10, 'Q-1000', '100000.0', 'CNY', '2026-05-20 00:00:00', 'u1');
            """);

        await using (var db = database.Context())
        {
            await db.Database.MigrateAsync();
            var contract = await db.Contracts.Include(c => c.Plan).SingleAsync(c => c.DealId == 10);
            Assert.Equal(("HT-2026-0042", 100_000m, new DateOnly(2026, 6, 1)), (contract.Number, contract.Amount, contract.SignedDate));
            Assert.Equal([(1, 30_000.1m), (2, 20_000m), (3, 49_999.9m)], contract.Plan.OrderBy(l => l.Number).Select(l => (l.Number, l.Amount)));
            var links = await db.Invoices.Where(i => i.DealId == 10).OrderBy(i => i.Id).Select(i => i.PaymentPlanLineId).ToListAsync();
            Assert.Equal(contract.Plan.OrderBy(l => l.Number).Take(2).Select(l => (int?)l.Id), links);

            // Two deals carried the same reference: each gets a contract, numbered so both are unique.
            var twins = await db.Contracts.Where(c => c.DealId == 11 || c.DealId == 12).OrderBy(c => c.DealId).Select(c => c.Number).ToListAsync();
            Assert.Equal(["CT-MIG-11", "CT-MIG-12"], twins);
            Assert.False(await db.Contracts.AnyAsync(c => c.DealId == 13));

            var quote = await db.Quotes.Include(q => q.Lines).SingleAsync(q => q.Number == "Q-1000");
            Assert.Equal((1, LtcHub.Domain.Quotes.QuoteStatus.Sent, 100_000m, 100_000m), (quote.Revision, quote.Status, quote.Gross, Assert.Single(quote.Lines).Net));

            var facts = await LtcHub.Infrastructure.Pipeline.BoardReader.FactsAsync(db, 10);
            Assert.True(facts.HasContract);
            Assert.False(facts.FullyPaid);
        }
    }
}
