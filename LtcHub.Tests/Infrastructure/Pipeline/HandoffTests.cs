using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Infrastructure.Pipeline;

public class HandoffTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private PipelineService Service => app.Get<PipelineService>();

    [Fact]
    public async Task Ops_PushBack_KeepsTheDealInWon_ShowsTheReason_AndIsPublished()
    {
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var card = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won);
        var published = new TaskCompletionSource<DealEdited>();
        using var subscription = app.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is DealEdited edited && edited.Card.Id == card.Id)
            {
                published.TrySetResult(edited);
            }

            return Task.CompletedTask;
        });

        var outcome = await Service.PushBackHandoffAsync(ops1, card.Id, card.Version, "合同缺少交付日期");

        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal((StageKeys.Won, "合同缺少交付日期", card.Version + 1),
            (outcome.Card!.StageKey, outcome.Card.HandoffPushbackReason, outcome.Card.Version));
        Assert.Equal("合同缺少交付日期", (await published.Task.WaitAsync(TimeSpan.FromSeconds(5))).Card.HandoffPushbackReason);
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var details = await app.Get<BoardReader>().DetailsAsync(sales1, card.Id);
        Assert.Contains(details!.Timeline, t => t is { Field: "HandoffPushback", NewValue: "合同缺少交付日期" } && t.ActorName == ops1.DisplayName);

        // The owner is alerted (the bell), in their language, saved with the push-back.
        await using var db = app.CreateDbContext();
        var alert = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Notifications, n => n.UserId == sales1.UserId && n.Key == $"deal:{card.Id}:{card.Version + 1}");
        Assert.Equal($"吴刚 Wu Gang 退回了商机“{card.Name}”：合同缺少交付日期", alert.Text);
    }

    [Fact]
    public async Task Accepting_AfterAPushBack_MovesToHandoff_AndClearsTheReason()
    {
        var ops2 = await app.ActorAsync("ops2@ltchub.local");
        var card = await app.CreateDealAsync("sales2@ltchub.local", StageKeys.Won);
        var pushed = await Service.PushBackHandoffAsync(ops2, card.Id, card.Version, "missing PO");

        var accepted = await Service.MoveAsync(ops2, card.Id, pushed.Card!.Version, StageKeys.Handoff, new StageEntryInput(OpsAccepted: true));

        Assert.Equal(ChangeStatus.Done, accepted.Status);
        Assert.Equal((StageKeys.Handoff, (string?)null), (accepted.Card!.StageKey, accepted.Card.HandoffPushbackReason));
    }

    [Theory]
    [InlineData("sales1@ltchub.local")]
    [InlineData("salesmgr1@ltchub.local")]
    [InlineData("finance1@ltchub.local")]
    public async Task Only_OpsOrAdmin_MayPushBack(string email)
    {
        var someone = await app.ActorAsync(email);
        var card = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won);

        var outcome = await Service.PushBackHandoffAsync(someone, card.Id, card.Version, "no");

        Assert.Equal(ChangeStatus.Forbidden, outcome.Status);
        Assert.Equal((card.Version, (string?)null), (outcome.Card!.Version, outcome.Card.HandoffPushbackReason));
    }

    [Fact]
    public async Task PushBack_NeedsAReason_AndADealInWon()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var won = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won);
        var delivering = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Delivery);

        var blank = await Service.PushBackHandoffAsync(admin, won.Id, won.Version, "   ");
        var notWon = await Service.PushBackHandoffAsync(admin, delivering.Id, delivering.Version, "too late");

        Assert.Equal((ChangeStatus.Refused, "Error.Required"), (blank.Status, blank.Error!.Code));
        Assert.Equal((ChangeStatus.Refused, "Error.NotAwaitingHandoff"), (notWon.Status, notWon.Error!.Code));
        Assert.Equal(won.Version, blank.Card!.Version);
    }

    [Fact]
    public async Task PushBack_FromAStaleVersion_IsAConflict()
    {
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var card = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won);
        await Service.PushBackHandoffAsync(ops1, card.Id, card.Version, "first");

        var late = await Service.PushBackHandoffAsync(ops1, card.Id, card.Version, "second");

        Assert.Equal(ChangeStatus.Conflict, late.Status);
        Assert.Equal("first", late.Card!.HandoffPushbackReason);
    }
}
