using LtcHub.Domain.Common;
using LtcHub.Domain.Targets;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Targets;

/// <summary>A target as the page shows it: whose, on what, the three tiers, who set it, its version (null: none set yet).</summary>
public sealed record TargetView(
    int? Id, string? UserId, int? TeamId, string SubjectName, TargetMeasure Measure, string Currency, decimal? Target, decimal? Stretch,
    decimal? Challenge, string? SetByName, long Version, bool CanSet);

/// <summary>One subject's row of targets for a month: a team, or a person (with their team).</summary>
public sealed record TargetSubject(string? UserId, int? TeamId, string Name, TeamKind Kind, bool CanSet);

public sealed record TargetInput(int Year, int Month, string? UserId, int? TeamId, TargetMeasure Measure, string Currency,
    decimal Target, decimal? Stretch, decimal? Challenge, long ExpectedVersion);

/// <summary>
/// Targets (业绩目标) per person and team per month. Admin sets any; a sales manager sets their team's and its people's
/// (<see cref="TargetPolicy"/>, checked here). A save against a version someone else moved on is refused naming them;
/// a month can be filled from the month before in one action (only empty places, only where the person may set).
/// </summary>
public sealed class TargetService(IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, TimeProvider time)
{
    /// <summary>The teams and people targets are set for: every team, and every person in the Sales role who is not disabled.</summary>
    public async Task<IReadOnlyList<TargetSubject>> SubjectsAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync();
        var sellers = await (from u in db.Users.AsNoTracking()
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == Roles.Sales
                             orderby u.DisplayName
                             select new { u.Id, u.DisplayName, u.TeamId, u.LockoutEnd }).ToListAsync();
        var now = time.GetUtcNow();
        sellers = sellers.Where(s => s.LockoutEnd is null || s.LockoutEnd < now).ToList();
        var subjects = teams.Select(t => new TargetSubject(null, t.Id, t.Name, t.Kind, TargetPolicy.CanSet(actor, t.Id))).ToList();
        subjects.AddRange(sellers.Select(s => new TargetSubject(s.Id, s.TeamId, s.DisplayName, TeamKind.Sales, TargetPolicy.CanSet(actor, s.TeamId))));
        return subjects;
    }

    /// <summary>Every target of a year (the page shows a month and rolls it up to its quarter and the year).</summary>
    public async Task<IReadOnlyList<(int Month, TargetView Target)>> YearAsync(Actor actor, int year)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var subjects = await SubjectsAsync(actor);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var rows = await db.Targets.AsNoTracking().Where(t => t.Year == year).ToListAsync();
        return rows.Select(t =>
        {
            var subject = subjects.FirstOrDefault(s => s.UserId == t.UserId && (t.UserId is not null || s.TeamId == t.TeamId));
            return (t.Month, new TargetView(t.Id, t.UserId, t.TeamId, subject?.Name ?? "?", t.Measure, t.Currency, t.Target, t.Stretch, t.Challenge,
                names.GetValueOrDefault(t.SetById), t.Version, subject?.CanSet ?? actor.IsAdmin));
        }).ToList();
    }

    /// <summary>Sets (or first creates) one target. Expected version 0: none existed when the person looked.</summary>
    public async Task<TargetView> SetAsync(Actor actor, TargetInput input)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await RequireMaySetAsync(db, actor, input.UserId, input.TeamId);
        var probe = new SalesTarget(input.Year, input.Month, input.UserId, input.TeamId, input.Measure, input.Currency);
        var target = await db.Targets.SingleOrDefaultAsync(t => t.Year == input.Year && t.Month == input.Month && t.Subject == probe.Subject
            && t.Measure == input.Measure && t.Currency == probe.Currency);
        if ((target?.Version ?? 0) != input.ExpectedVersion)
        {
            throw await ConflictAsync(db, target);
        }

        if (target is null)
        {
            target = probe;
            db.Targets.Add(target);
        }

        target.Set(input.Target, input.Stretch, input.Challenge, actor.UserId, time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            await using var fresh = await contexts.CreateDbContextAsync();
            throw await ConflictAsync(fresh, await fresh.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Year == input.Year && t.Month == input.Month
                && t.Subject == probe.Subject && t.Measure == input.Measure && t.Currency == probe.Currency));
        }

        await events.PublishAsync(new TargetsChanged(input.Year, input.Month, actor.DisplayName));
        return new TargetView(target.Id, target.UserId, target.TeamId, "", target.Measure, target.Currency, target.Target, target.Stretch, target.Challenge,
            actor.DisplayName, target.Version, true);
    }

    /// <summary>Removes a target (the month then has none for it).</summary>
    public async Task RemoveAsync(Actor actor, int targetId, long expectedVersion)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var target = await db.Targets.SingleOrDefaultAsync(t => t.Id == targetId) ?? throw new NotFoundException();
        await RequireMaySetAsync(db, actor, target.UserId, target.TeamId);
        if (target.Version != expectedVersion)
        {
            throw await ConflictAsync(db, target);
        }

        db.Targets.Remove(target);
        await db.SaveChangesAsync();
        await events.PublishAsync(new TargetsChanged(target.Year, target.Month, actor.DisplayName));
    }

    /// <summary>Fills the month from the month before: every target the person may set that this month does not have yet. Returns how many.</summary>
    public async Task<int> CopyForwardAsync(Actor actor, int year, int month)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var previous = new DateOnly(year, month, 1).AddMonths(-1);
        var source = await db.Targets.AsNoTracking().Where(t => t.Year == previous.Year && t.Month == previous.Month).ToListAsync();
        var existing = (await db.Targets.AsNoTracking().Where(t => t.Year == year && t.Month == month)
            .Select(t => new { t.Subject, t.Measure, t.Currency }).ToListAsync()).ToHashSet();
        var teams = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.TeamId);
        var now = time.GetUtcNow().UtcDateTime;
        var copied = 0;
        foreach (var t in source)
        {
            var teamId = t.UserId is { } user ? teams.GetValueOrDefault(user) : t.TeamId;
            if (!TargetPolicy.CanSet(actor, teamId) || existing.Contains(new { t.Subject, t.Measure, t.Currency }))
            {
                continue;
            }

            var copy = new SalesTarget(year, month, t.UserId, t.TeamId, t.Measure, t.Currency);
            copy.Set(t.Target, t.Stretch, t.Challenge, actor.UserId, now);
            db.Targets.Add(copy);
            copied++;
        }

        if (copied > 0)
        {
            await db.SaveChangesAsync();
            await events.PublishAsync(new TargetsChanged(year, month, actor.DisplayName));
        }

        return copied;
    }

    private static async Task RequireMaySetAsync(LtcHubDbContext db, Actor actor, string? userId, int? teamId)
    {
        if (userId is not null)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.TeamId }).SingleOrDefaultAsync()
                ?? throw new NotFoundException();
            teamId = user.TeamId;
        }
        else if (teamId is { } id && !await db.Teams.AnyAsync(t => t.Id == id))
        {
            throw new NotFoundException();
        }

        if (!TargetPolicy.CanSet(actor, teamId))
        {
            throw new ForbiddenException("Error.TargetForbidden");
        }
    }

    private static async Task<ConflictException> ConflictAsync(LtcHubDbContext db, SalesTarget? target)
    {
        var by = target is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == target.SetById).Select(u => u.DisplayName).SingleOrDefaultAsync();
        return new ConflictException("Error.TargetConflict", by, by ?? "?");
    }
}
