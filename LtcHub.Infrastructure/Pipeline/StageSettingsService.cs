using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>What an admin may change about a stage (its key is fixed: rules and tests refer to it).</summary>
public sealed record StageSettings(
    string NameZh, string NameEn, int Order, TeamKind Team, int Probability, int? WipLimit, int? DaysUntilStale,
    EntryRequirement EntryRules, Domain.Scoring.Grade? MinimumGrade = null)
{
    public static StageSettings Of(BoardStage stage) =>
        new(stage.NameZh, stage.NameEn, stage.Order, stage.Team, stage.Probability, stage.WipLimit, stage.DaysUntilStale, stage.EntryRules,
            stage.MinimumGrade);
}

/// <summary>
/// The admin's stage settings. Saves one stage at a time against the version the admin saw, writes
/// the old and new settings to the audit log, and tells every open board to reload its columns.
/// </summary>
public sealed class StageSettingsService(
    IDbContextFactory<LtcHubDbContext> contexts,
    IBoardEvents events,
    TimeProvider time,
    ILogger<StageSettingsService> logger)
{
    public const string EntityType = "Stage";

    /// <returns>The stage as saved.</returns>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="DomainException">Invalid settings, or <c>Error.StageConflict</c> when someone saved first.</exception>
    public async Task<BoardStage> UpdateAsync(Actor actor, int stageId, long expectedVersion, StageSettings settings)
    {
        if (!PipelinePolicy.CanConfigureStages(actor))
        {
            logger.LogWarning("Refused stage settings change of stage {StageId} by {UserId}: not an admin", stageId, actor.UserId);
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var stage = await db.Stages.SingleOrDefaultAsync(s => s.Id == stageId) ?? throw new DomainException("Error.NotFound");
        if (stage.Version != expectedVersion)
        {
            throw await ConflictAsync(db, stageId);
        }

        // A rule no deal could meet on entering this stage would be a dead end on the board: refused.
        if (EntryRequirements.Unsatisfiable(settings.EntryRules, settings.Team).Split().FirstOrDefault() is var rule and not EntryRequirement.None)
        {
            throw new DomainException("Error.RuleUnsatisfiable", "Requirement." + rule, "TeamKind." + settings.Team);
        }

        var before = stage.Describe();
        stage.Configure(settings.NameZh, settings.NameEn, settings.Order, settings.Team, settings.Probability, settings.WipLimit,
            settings.DaysUntilStale, settings.EntryRules, settings.MinimumGrade);
        var after = stage.Describe();
        if (before == after)
        {
            return await StageAsync(db, stageId);
        }

        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow().UtcDateTime, actor.UserId, actor.DisplayName, EntityType,
            stageId.ToString(CultureInfo.InvariantCulture), "Settings", before, after));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync();
            throw await ConflictAsync(fresh, stageId);
        }

        await events.PublishAsync(new StagesChanged(actor.DisplayName));
        return await StageAsync(db, stageId);
    }

    /// <summary>A stage as it is now.</summary>
    public async Task<BoardStage> CurrentAsync(int stageId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await StageAsync(db, stageId);
    }

    private static async Task<BoardStage> StageAsync(LtcHubDbContext db, int stageId) =>
        (await BoardReader.StagesOf(db).ToListAsync()).Single(s => s.Id == stageId);

    private static async Task<DomainException> ConflictAsync(LtcHubDbContext db, int stageId)
    {
        var last = await db.HistoryOf(EntityType, stageId).Select(a => a.ActorName).FirstOrDefaultAsync();
        return new DomainException("Error.StageConflict", last ?? "?");
    }
}
