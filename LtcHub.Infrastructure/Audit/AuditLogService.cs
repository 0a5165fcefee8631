using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Audit;

public sealed record AuditFilter(string? EntityType = null, string? Actor = null, string? Text = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One line of the audit log, with what it is about named for a reader (a deal's name, a user's name and e-mail).</summary>
public sealed record AuditLine(
    long Id, DateTime AtUtc, string ActorName, string EntityType, string EntityId, string Subject, string Field, string? OldValue, string? NewValue);

/// <summary>The admin's view of the audit log: every change, sign-in, role change and export, newest first.</summary>
public sealed class AuditLogService(IDbContextFactory<LtcHubDbContext> contexts)
{
    public const int PageSize = 100;

    /// <param name="beforeId">Keyset paging: the lines older than this one (the last line already shown).</param>
    public async Task<IReadOnlyList<AuditLine>> ListAsync(Actor actor, AuditFilter filter, long? beforeId = null)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var query = db.AuditEntries.AsNoTracking();
        if (beforeId is { } before)
        {
            query = query.Where(a => a.Id < before);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var who = filter.Actor.Trim();
            query = query.Where(a => a.ActorName.Contains(who));
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.Field.Contains(text) || a.EntityId == text || (a.OldValue != null && a.OldValue.Contains(text))
                || (a.NewValue != null && a.NewValue.Contains(text)));
        }

        if (filter.From is { } from)
        {
            var start = CompanyTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = CompanyTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.AtUtc < end);
        }

        var entries = await query.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync();
        var subjects = await SubjectsAsync(db, entries);
        return entries.Select(a => new AuditLine(a.Id, a.AtUtc, a.ActorName, a.EntityType, a.EntityId,
                subjects.GetValueOrDefault((a.EntityType, a.EntityId)) ?? a.EntityId, a.Field, a.OldValue, a.NewValue))
            .ToList();
    }

    /// <summary>The kinds of things the log holds (for the filter).</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync();
    }

    /// <summary>Names for the ids on one page of lines: one query per kind, not per line.</summary>
    private static async Task<Dictionary<(string, string), string>> SubjectsAsync(LtcHubDbContext db, IReadOnlyList<AuditEntry> entries)
    {
        var names = new Dictionary<(string, string), string>();
        var userIds = entries.Where(a => a.EntityType == SecurityAudit.EntityType).Select(a => a.EntityId).Distinct().ToList();
        foreach (var user in await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync())
        {
            names[(SecurityAudit.EntityType, user.Id)] = $"{user.DisplayName} <{user.Email}>";
        }

        var dealIds = entries.Where(a => a.EntityType == Deal.EntityType).Select(a => int.TryParse(a.EntityId, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Distinct().ToList();
        foreach (var deal in await db.Deals.Where(d => dealIds.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync())
        {
            names[(Deal.EntityType, deal.Id.ToString(CultureInfo.InvariantCulture))] = deal.Name;
        }

        foreach (var stage in await db.Stages.Select(s => new { s.Id, s.Key }).ToListAsync())
        {
            names[(StageSettingsService.EntityType, stage.Id.ToString(CultureInfo.InvariantCulture))] = stage.Key;
        }

        return names;
    }
}
