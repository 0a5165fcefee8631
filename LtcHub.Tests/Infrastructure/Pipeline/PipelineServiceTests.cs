using System.Collections.Concurrent;
using System.Globalization;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Pipeline;

public class PipelineServiceTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private PipelineService Service => app.Get<PipelineService>();

    private Task<DealCard> DealOfAsync(string ownerEmail, string stage) => app.CreateDealAsync(ownerEmail, stage);

    private async Task<int> StageAuditCountAsync(int dealId)
    {
        await using var db = app.CreateDbContext();
        var id = dealId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.EntityType == "Deal" && a.EntityId == id && a.Field == "Stage");
    }

    [Fact]
    public async Task Move_ByOwner_IsCommitted_Audited_AndPublishedAfterCommit()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var card = await DealOfAsync("sales1@ltchub.local", StageKeys.Qualified);
        var published = new TaskCompletionSource<(DealMoved Event, string StageInDatabase)>();
        using var subscription = app.Get<IBoardEvents>().Subscribe(async e =>
        {
            if (e is DealMoved moved && moved.Card.Id == card.Id)
            {
                await using var db = app.CreateDbContext();
                var stored = await db.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == card.Id);
                published.TrySetResult((moved, stored.Stage.Key));
            }
        });
        var auditBefore = await StageAuditCountAsync(card.Id);

        var outcome = await Service.MoveAsync(sales1, card.Id, card.Version, StageKeys.Negotiation, StageEntryInput.Empty);

        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal((StageKeys.Negotiation, card.Version + 1), (outcome.Card!.StageKey, outcome.Card.Version));
        var (moved, stageInDatabase) = await published.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((StageKeys.Qualified, "王芳 Wang Fang"), (moved.FromStageKey, moved.ActorName));
        Assert.Equal(StageKeys.Negotiation, stageInDatabase);
        Assert.Equal(auditBefore + 1, await StageAuditCountAsync(card.Id));
    }

    [Fact]
    public async Task Move_OfSomeoneElsesDeal_IsForbidden_AndChangesNothing()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var card = await DealOfAsync("sales4@ltchub.local", StageKeys.Lead);

        var outcome = await Service.MoveAsync(sales1, card.Id, card.Version, StageKeys.Negotiation, StageEntryInput.Empty);

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Equal((StageKeys.Lead, card.Version), (outcome.Card!.StageKey, outcome.Card.Version));
    }

    [Fact]
    public async Task Move_ToAStageThatWasNotOffered_IsRefused()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var card = await DealOfAsync("sales1@ltchub.local", StageKeys.Lead);

        var outcome = await Service.MoveAsync(sales1, card.Id, card.Version, "made-up-stage", StageEntryInput.Empty);

        Assert.Equal((ChangeStatus.Refused, "Error.StageUnknown"), (outcome.Status, outcome.Error!.Code));
        Assert.Equal(StageKeys.Lead, outcome.Card!.StageKey);
    }

    [Fact]
    public async Task Move_WithoutWhatTheStageNeeds_AsksForExactlyThat_ThenCompletes()
    {
        var sales2 = await app.ActorAsync("sales2@ltchub.local");
        var card = await DealOfAsync("sales2@ltchub.local", StageKeys.Negotiation);

        var first = await Service.MoveAsync(sales2, card.Id, card.Version, StageKeys.Lost, StageEntryInput.Empty);
        Assert.Equal((ChangeStatus.NeedsInput, EntryRequirement.LossReason), (first.Status, first.Missing));

        var second = await Service.MoveAsync(sales2, card.Id, card.Version, StageKeys.Lost, new StageEntryInput(LossReason: "预算取消"));
        Assert.Equal(ChangeStatus.Done, second.Status);
        var details = await app.Get<BoardReader>().DetailsAsync(sales2, card.Id);
        Assert.Equal("预算取消", details!.LossReason);
        Assert.Contains(details.Timeline, t => t is { Field: "Stage", OldValue: StageKeys.Negotiation, NewValue: StageKeys.Lost, ActorName: "李伟 Li Wei" });
    }

    [Fact]
    public async Task Move_FromAStaleVersion_IsAConflict_NamingWhoMovedIt()
    {
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var sales3 = await app.ActorAsync("sales3@ltchub.local");
        var card = await DealOfAsync("sales3@ltchub.local", StageKeys.Lead);
        Assert.Equal(ChangeStatus.Done, (await Service.MoveAsync(manager, card.Id, card.Version, StageKeys.Negotiation, StageEntryInput.Empty)).Status);

        var late = await Service.MoveAsync(sales3, card.Id, card.Version, StageKeys.Lost, new StageEntryInput(LossReason: "x"));

        Assert.Equal(ChangeStatus.Conflict, late.Status);
        Assert.Equal("赵强 Zhao Qiang", late.ChangedBy);
        Assert.Equal((StageKeys.Negotiation, card.Version + 1), (late.Card!.StageKey, late.Card.Version));
    }

    [Fact]
    public async Task TenConcurrentMoves_FromOneVersion_ExactlyOneWins()
    {
        var owner = await app.ActorAsync("sales2@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var card = await DealOfAsync("sales2@ltchub.local", StageKeys.Lead);
        var auditBefore = await StageAuditCountAsync(card.Id);
        string[] targets = [StageKeys.Negotiation, StageKeys.Lost];
        var outcomes = new ConcurrentBag<ChangeOutcome>();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
            outcomes.Add(await Service.MoveAsync(i % 2 == 0 ? owner : manager, card.Id, card.Version, targets[i % 2],
                new StageEntryInput(LossReason: "竞争对手"))))));

        var winner = Assert.Single(outcomes, o => o.Status == ChangeStatus.Done);
        var losers = outcomes.Where(o => o.Status != ChangeStatus.Done).ToList();
        Assert.Equal(9, losers.Count);
        Assert.All(losers, o =>
        {
            Assert.Equal(ChangeStatus.Conflict, o.Status);
            Assert.Equal(winner.Card!.StageKey, o.Card!.StageKey);
            Assert.Contains(o.ChangedBy, new[] { owner.DisplayName, manager.DisplayName });
        });
        Assert.Equal(auditBefore + 1, await StageAuditCountAsync(card.Id));
    }

    [Fact]
    public async Task Edit_IsVersionChecked_AndValidated()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var card = await DealOfAsync("sales1@ltchub.local", StageKeys.Lead);
        var edit = new DealEdit("新名称", 120_000m, "CNY", null, "打电话", new DateOnly(2026, 12, 3), null);

        var bad = await Service.EditAsync(sales1, card.Id, card.Version, edit with { Amount = -1m });
        Assert.Equal((ChangeStatus.Refused, "Error.AmountNotPositive"), (bad.Status, bad.Error!.Code));

        var done = await Service.EditAsync(sales1, card.Id, card.Version, edit);
        Assert.Equal(("新名称", 120_000m, "打电话"), (done.Card!.Name, done.Card.Amount, done.Card.NextStep));

        var stale = await Service.EditAsync(sales1, card.Id, card.Version, edit with { Name = "lost update" });
        Assert.Equal(ChangeStatus.Conflict, stale.Status);
        Assert.Equal("新名称", stale.Card!.Name);
    }

    [Fact]
    public void CardsQuery_TranslatesForSqlServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var sql = BoardReader.Cards(db, q => q.Where(d => d.Stage.Key == "won")).ToQueryString();
        Assert.Contains("INNER JOIN [Accounts]", sql);
        Assert.Contains("[AspNetUsers]", sql);
        Assert.Contains("[s].[Key] = N'won'", sql);
    }
}
