using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Pipeline;

public class StageSettingsTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private StageSettingsService Settings => app.Get<StageSettingsService>();

    private async Task<BoardStage> StageAsync(string key) =>
        (await app.Get<BoardReader>().StagesAsync()).Single(s => s.Key == key);

    [Fact]
    public async Task Admin_Saves_TheBoardReadsIt_ItIsAudited_AndOpenBoardsAreTold()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var proposal = await StageAsync(StageKeys.Proposal);
        var told = new TaskCompletionSource<StagesChanged>();
        using var subscription = app.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is StagesChanged changed)
            {
                told.TrySetResult(changed);
            }

            return Task.CompletedTask;
        });

        var saved = await Settings.UpdateAsync(admin, proposal.Id, proposal.Version, StageSettings.Of(proposal) with
        {
            NameZh = "方案报价",
            NameEn = "Proposal sent",
            Probability = 45,
            WipLimit = 12,
            EntryRules = proposal.EntryRules | EntryRequirement.CloseDate,
        });

        Assert.Equal(("方案报价", "Proposal sent", 45, 12, proposal.Version + 1),
            (saved.NameZh, saved.NameEn, saved.Probability, saved.WipLimit, saved.Version));
        Assert.True((await StageAsync(StageKeys.Proposal)).EntryRules.HasFlag(EntryRequirement.CloseDate));
        Assert.Equal(admin.DisplayName, (await told.Task.WaitAsync(TimeSpan.FromSeconds(5))).ActorName);
        await using var db = app.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Stage" && a.EntityId == proposal.Id.ToString()).ToListAsync();
        var line = Assert.Single(audit);
        Assert.Contains("45%", line.NewValue);
        Assert.Contains("WIP 12", line.NewValue);
    }

    [Theory]
    [InlineData("salesmgr1@ltchub.local")]
    [InlineData("ops1@ltchub.local")]
    [InlineData("finance1@ltchub.local")]
    public async Task NonAdmins_AreRefused_AndNothingChanges(string email)
    {
        var someone = await app.ActorAsync(email);
        var lead = await StageAsync(StageKeys.Lead);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Settings.UpdateAsync(someone, lead.Id, lead.Version, StageSettings.Of(lead) with { Probability = 99 }));

        Assert.Equal(lead, await StageAsync(StageKeys.Lead));
    }

    [Theory]
    [InlineData(StageKeys.Qualified, EntryRequirement.Invoice)]
    [InlineData(StageKeys.Negotiation, EntryRequirement.FullPayment)]
    [InlineData(StageKeys.Lost, EntryRequirement.Invoice)]
    public async Task ARuleNoDealCouldMeetThere_IsRefused_SoTheBoardHasNoDeadEnd(string key, EntryRequirement rule)
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var stage = (await app.Get<BoardReader>().StagesAsync()).Single(s => s.Key == key);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.UpdateAsync(admin, stage.Id, stage.Version, StageSettings.Of(stage) with { EntryRules = stage.EntryRules | rule }));

        Assert.Equal(("Error.RuleUnsatisfiable", "Requirement." + rule), (error.Code, error.Args[0]));
        Assert.Equal(stage, (await app.Get<BoardReader>().StagesAsync()).Single(s => s.Key == key));
    }

    [Fact]
    public async Task EveryRuleOfTheDefaultPipeline_CanBeMetFromTheMoveItself()
    {
        foreach (var stage in await app.Get<BoardReader>().StagesAsync())
        {
            Assert.Equal(EntryRequirement.None, EntryRequirements.Unsatisfiable(stage.EntryRules, stage.Team));
            Assert.Equal(EntryRequirement.None, stage.EntryRules & ~(EntryRequirements.Enterable | EntryRequirements.Documents));
        }
    }

    [Fact]
    public async Task BadInput_IsRefused_WithItsReason_AndNothingChanges()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var won = await StageAsync(StageKeys.Won);

        var probability = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.UpdateAsync(admin, won.Id, won.Version, StageSettings.Of(won) with { Probability = 101 }));
        var wip = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.UpdateAsync(admin, won.Id, won.Version, StageSettings.Of(won) with { WipLimit = 0 }));
        var name = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.UpdateAsync(admin, won.Id, won.Version, StageSettings.Of(won) with { NameEn = " " }));

        Assert.Equal(["Error.ProbabilityRange", "Error.WipLimitRange", "Error.Required"], new[] { probability.Code, wip.Code, name.Code });
        Assert.Equal(won, await StageAsync(StageKeys.Won));
    }

    [Fact]
    public async Task TwoAdmins_FromOneVersion_TheSecondSeesAConflict_NamingTheFirst()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var other = admin with { UserId = "other-admin", DisplayName = "Second Admin" };
        var delivery = await StageAsync(StageKeys.Delivery);
        await Settings.UpdateAsync(admin, delivery.Id, delivery.Version, StageSettings.Of(delivery) with { WipLimit = 30 });

        var conflict = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.UpdateAsync(other, delivery.Id, delivery.Version, StageSettings.Of(delivery) with { WipLimit = 5 }));

        Assert.Equal("Error.StageConflict", conflict.Code);
        Assert.Equal(admin.DisplayName, conflict.Args.Single());
        Assert.Equal(30, (await StageAsync(StageKeys.Delivery)).WipLimit);
    }

    [Fact]
    public async Task Reordering_ChangesTheColumnOrder()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var lost = await StageAsync(StageKeys.Lost);

        await Settings.UpdateAsync(admin, lost.Id, lost.Version, StageSettings.Of(lost) with { Order = -1 });

        Assert.Equal(StageKeys.Lost, (await app.Get<BoardReader>().StagesAsync())[0].Key);
    }

    [Fact]
    public void StagesQuery_TranslatesForSqlServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var sql = BoardReader.StagesOf(db).ToQueryString();
        Assert.Contains("ORDER BY [s].[Order], [s].[Id]", sql);
    }
}

public class BoardPreferencesTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private BoardPreferences Preferences => app.Get<BoardPreferences>();

    [Fact]
    public async Task AFilter_IsKeptPerUser_AcrossSessions()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var sales2 = await app.ActorAsync("sales2@ltchub.local");
        var filter = new BoardFilter(BoardScope.MyTeam, null, 50_000m, 2_000_000m, "华为");

        await Preferences.SaveFilterAsync(sales1.UserId, filter);

        Assert.Equal(filter, await Preferences.FilterAsync(sales1.UserId));
        Assert.Equal(BoardFilter.Everything, await Preferences.FilterAsync(sales2.UserId));
        await Preferences.SaveFilterAsync(sales1.UserId, BoardFilter.Everything);
        Assert.Equal(BoardFilter.Everything, await Preferences.FilterAsync(sales1.UserId));
    }

    [Fact]
    public async Task AnUnreadableSavedFilter_ShowsTheWholeBoard()
    {
        var sales3 = await app.ActorAsync("sales3@ltchub.local");
        await using (var db = app.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == sales3.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.BoardFilterJson, "{not json"));
        }

        Assert.Equal(BoardFilter.Everything, await Preferences.FilterAsync(sales3.UserId));
    }
}
