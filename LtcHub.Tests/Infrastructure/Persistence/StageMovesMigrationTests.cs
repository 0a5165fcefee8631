using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Persistence;

/// <summary>A database with stage history only in the audit log, migrated: each move is copied with when its stay began.</summary>
public class StageMovesMigrationTests
{
    [Fact]
    public async Task TheAuditLogsStageLines_BecomeStageMoves_WithTheMoveBeforeOrTheDealsCreationAsTheirStart()
    {
        using var database = new TempDatabase();
        await database.AtMigrationAsync("20261202171259_Reports", """
            INSERT INTO AspNetUsers (Id, DisplayName, PreferredCulture, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, Theme)
                VALUES ('u1', 'Owner', 'zh-CN', 1, 0, 0, 0, 0, 'Light');
            INSERT INTO Accounts (Id, Name, NameKey, PreferredCulture, Level, Size, Status, Version, CreatedAtUtc) VALUES (1, '客户', '客户', 'zh-CN', 'C', 'Unknown', 'Prospect', 1, '2026-01-01 00:00:00');
            INSERT INTO Stages (Id, Key, NameZh, NameEn, "Order", OwningTeam, Probability, EntryRules, Version)
                VALUES (1, 'lead', '线索', 'Lead', 1, 1, 10, 0, 1), (2, 'qualified', '已验证', 'Qualified', 2, 1, 20, 0, 1), (3, 'lost', '输单', 'Lost', 10, 0, 0, 0, 1);
            INSERT INTO Deals (Id, Name, AccountId, OwnerId, Amount, Currency, StageId, CreatedAtUtc, EnteredStageAtUtc, UpdatedAtUtc, Version)
                VALUES (7, 'D', 1, 'u1', '1000.0', 'CNY', 3, '2026-10-01 04:00:00', '2026-10-09 04:00:00', '2026-10-09 04:00:00', 3);
            INSERT INTO AuditEntries (AtUtc, ActorId, ActorName, EntityType, EntityId, Field, OldValue, NewValue) VALUES
                ('2026-10-05 04:00:00', 'u1', 'Owner', 'Deal', '7', 'Stage', 'lead', 'qualified'),
                ('2026-10-06 04:00:00', 'u1', 'Owner', 'Deal', '7', 'Amount', '900.00', '1000.00'),
                ('2026-10-09 04:00:00', 'u1', 'Owner', 'Deal', '7', 'Stage', 'qualified', 'lost'),
                ('2026-10-09 04:00:00', 'u1', 'Owner', 'Account', '1', 'Stage', 'x', 'y');
            """);

        await using var db = database.Context();
        await db.Database.MigrateAsync();

        var moves = await db.StageMoves.OrderBy(m => m.AtUtc).Select(m => new { m.DealId, m.From, m.To, m.EnteredAtUtc, m.AtUtc }).ToListAsync();
        Assert.Equal(2, moves.Count);
        Assert.Equal((7, "lead", "qualified", new DateTime(2026, 10, 1, 4, 0, 0)), (moves[0].DealId, moves[0].From, moves[0].To, moves[0].EnteredAtUtc!.Value));
        Assert.Equal(("qualified", "lost", new DateTime(2026, 10, 5, 4, 0, 0)), (moves[1].From, moves[1].To, moves[1].EnteredAtUtc!.Value));
    }
}
