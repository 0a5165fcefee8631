using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Scoring;

/// <summary>A deal's scorecard as the drawer and the move dialog show it: what is saved, and the history criterion computed now.</summary>
public sealed record ScorecardView(
    int DealId, string DealName, Scorecard? Saved, PaymentHistory HistoryNow, ScoringSettings Settings, bool CanScore, int? LegacyScore, WinEstimate Win);

/// <summary>
/// The qualification scorecard: its owner (or their manager, or Admin) rates criteria 1–4; criterion 5 is
/// read from the account's invoices at that moment. The total and grade go onto the deal (audited, live),
/// where the Qualified stage's rule reads them.
/// </summary>
public sealed class ScorecardService(
    IDbContextFactory<LtcHubDbContext> contexts, WinProbability win, IBoardEvents events, TimeProvider time, ILogger<ScorecardService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<ScorecardView> GetAsync(Actor actor, int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var deal = await db.Deals.AsNoTracking().Include(d => d.Stage).SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException();
        var saved = await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.DealId == dealId);
        var settings = await SettingsAsync(db);
        var history = await PaymentHistories.OfAsync(db, deal.AccountId, CompanyTime.Today(Now));
        var legacy = saved is null ? deal.QualificationScore : null;
        return new ScorecardView(dealId, deal.Name, saved, history, settings, PipelinePolicy.CanEdit(actor, deal), legacy, await win.EstimateAsync(dealId));
    }

    /// <param name="expectedVersion">The scorecard version the form was filled from (0 for a first scorecard).</param>
    public async Task<DealCard> ScoreAsync(Actor actor, int dealId, long expectedVersion, ScorecardInput input)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var deal = await db.Deals.Include(d => d.Stage).SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException();
        if (!PipelinePolicy.CanEdit(actor, deal))
        {
            logger.LogWarning("Refused scoring deal {DealId} by {UserId}", dealId, actor.UserId);
            throw new ForbiddenException();
        }

        var card = await db.Scorecards.SingleOrDefaultAsync(s => s.DealId == dealId);
        if ((card?.Version ?? 0) != expectedVersion)
        {
            throw new DomainException("Error.ScorecardConflict", card?.ScoredByName ?? "?");
        }

        if (card is null)
        {
            card = new Scorecard(dealId);
            db.Scorecards.Add(card);
        }

        var now = Now;
        var before = card.Version == 0 ? null : Describe(card);
        card.Score(input, await PaymentHistories.OfAsync(db, deal.AccountId, CompanyTime.Today(now)), await SettingsAsync(db), actor.UserId, actor.DisplayName, now);
        db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.DisplayName, Scorecard.EntityType, dealId.ToString(CultureInfo.InvariantCulture),
            "Scorecard", before, Describe(card)));
        db.AuditEntries.AddRange(deal.Score(card.Total, card.Grade, actor, now));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw new DomainException("Error.ScorecardConflict", "?");
        }

        var result = await BoardReader.CardAsync(db, dealId);
        await events.PublishAsync(new DealEdited(result, actor.UserId, actor.DisplayName));
        return result;
    }

    public async Task<ScoringSettings> SettingsAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await SettingsAsync(db);
    }

    public async Task<DuplicateRules> DuplicateRulesAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.DuplicateRules.AsNoTracking().SingleOrDefaultAsync() ?? DuplicateRules.Default();
    }

    /// <summary>Admin's weights, grade bands and duplicate-check modes, saved together against the versions read.</summary>
    public async Task SaveSettingsAsync(Actor actor, long expectedVersion, CriterionWeights weights, int gradeA, int gradeB, int gradeC,
        (DuplicateMode Company, DuplicateMode Phone, DuplicateMode Email) duplicates)
    {
        if (!ScoringSettings.CanManage(actor))
        {
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var settings = await db.ScoringSettings.SingleAsync();
        if (settings.Version != expectedVersion)
        {
            throw new DomainException("Error.SettingsConflict");
        }

        settings.Update(weights, gradeA, gradeB, gradeC);
        var rules = await db.DuplicateRules.SingleOrDefaultAsync() ?? db.DuplicateRules.Add(DuplicateRules.Default()).Entity;
        rules.Set(duplicates.Company, duplicates.Phone, duplicates.Email);
        db.AuditEntries.Add(new AuditEntry(Now, actor.UserId, actor.DisplayName, "ScoringSettings", "1", "Settings", null,
            string.Create(CultureInfo.InvariantCulture, $"{weights}; A {gradeA} B {gradeB} C {gradeC}; {duplicates}")));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Error.SettingsConflict");
        }
    }

    private static async Task<ScoringSettings> SettingsAsync(LtcHubDbContext db) =>
        await db.ScoringSettings.AsNoTracking().SingleOrDefaultAsync() ?? ScoringSettings.Default();

    private static string Describe(Scorecard c) => string.Create(CultureInfo.InvariantCulture,
        $"need {c.NeedFit}, budget {c.Budget}, cycle {c.DecisionCycle}, size {c.Size}, history {c.History?.ToString(CultureInfo.InvariantCulture) ?? "-"} → {c.Total} {c.Grade}");
}
