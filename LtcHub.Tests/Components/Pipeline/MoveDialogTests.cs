using Bunit;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Pipeline;

/// <summary>The move dialog: it asks for exactly what is missing, and creates missing documents on the spot — no dead ends.</summary>
public class MoveDialogTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    private static string Input(string field) => $"input[data-field={field}], [data-field={field}] input";

    private static readonly BoardStage Won = new(5, StageKeys.Won, "赢单", "Won", 5, LtcHub.Domain.Teams.TeamKind.Sales, 100, null, 7,
        EntryRequirement.Amount | EntryRequirement.CloseDate | EntryRequirement.Contract);

    [Fact]
    public async Task TheDialog_AsksForExactlyTheMissingValues_AndStaysOpenUntilTheMoveSucceeds()
    {
        await SignInAsAsync("sales1@ltchub.local");
        var dialogs = Render<MudDialogProvider>();
        var submitted = new List<StageEntryInput>();
        var card = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "对话框 · 值");
        var request = new MoveRequest(card, Won, (_, input) =>
        {
            submitted.Add(input);
            return Task.FromResult(input.CloseDate is null
                ? new ChangeOutcome(ChangeStatus.NeedsInput, card, EntryRequirement.CloseDate, new StageEntryRefusedException(StageKeys.Won, EntryRequirement.CloseDate))
                : new ChangeOutcome(ChangeStatus.Done, card with { StageKey = StageKeys.Won }));
        }, _ => Task.FromResult<DealCard?>(card));
        var parameters = new DialogParameters<MoveDialog> { { d => d.Missing, EntryRequirement.Amount | EntryRequirement.CloseDate }, { d => d.Request, request } };
        var reference = await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MoveDialog>("Won", parameters));

        dialogs.WaitForAssertion(() => Assert.Equal(["amount", "close-date"], dialogs.FindAll("[data-field]").Select(e => e.GetAttribute("data-field"))));
        Assert.Empty(dialogs.FindAll("[data-field=loss-reason]"));

        dialogs.Find(Input("amount")).Change("480000");
        dialogs.Find("[data-testid=move-confirm]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("a close date", dialogs.Find("[data-testid=move-error]").TextContent));
        Assert.Equal(480_000m, submitted[0].Amount);

        dialogs.Find(Input("close-date")).Change("12/31/2026");
        dialogs.Find("[data-testid=move-confirm]").Click();
        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChangeStatus.Done, Assert.IsType<ChangeOutcome>(result!.Data).Status);
        Assert.Equal(new DateOnly(2026, 12, 31), submitted[1].CloseDate);
    }

    [Fact]
    public async Task AnUnreadableAmount_IsRefused_BeforeTheMoveIsTried()
    {
        await SignInAsAsync("sales1@ltchub.local");
        var dialogs = Render<MudDialogProvider>();
        var card = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "对话框 · 金额");
        var tried = 0;
        var request = new MoveRequest(card, Won, (_, _) => { tried++; return Task.FromResult(new ChangeOutcome(ChangeStatus.Done, card)); },
            _ => Task.FromResult<DealCard?>(card));
        var parameters = new DialogParameters<MoveDialog> { { d => d.Missing, EntryRequirement.Amount }, { d => d.Request, request } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MoveDialog>("Won", parameters));

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(Input("amount"))));
        dialogs.Find(Input("amount")).Change("八十万");
        dialogs.Find("[data-testid=move-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.StartsWith("A value could not be read", dialogs.Find("[data-testid=move-error]").TextContent));
        Assert.Equal(0, tried);
    }

    [Fact]
    public async Task MovingToProposal_WithoutAQuote_OffersToCreateIt_AndTheMoveFinishesWhenItIsSaved()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Qualified, "对话框 · 报价");
        await SignInAsAsync("sales1@ltchub.local");
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var board = Render<PipelinePage>();
        board.WaitForAssertion(() => Assert.Single(board.FindAll($"[data-stage=qualified] [data-deal-id='{deal.Id}']")));

        board.Find($"[data-deal-id='{deal.Id}'] [data-testid=card-menu] button").Click();
        board.WaitForElement($"[data-deal-id='{deal.Id}'] [data-move-to=proposal]").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-move-needs=Quote] [data-testid=move-create-quote]")));
        dialogs.Find("[data-testid=move-create-quote]").Click();

        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=quote-editor]")));
        dialogs.Find($"[data-quote-line='0'] {Input("line-description")}").Input("实施服务 Implementation");
        dialogs.Find($"[data-quote-line='0'] {Input("line-description")}").Blur();
        dialogs.Find($"[data-quote-line='0'] {Input("line-quantity")}").Change("10");
        dialogs.Find($"[data-quote-line='0'] {Input("line-price")}").Change("2800");
        dialogs.Find($"[data-quote-line='0'] {Input("line-tax-rate")}").Change("6");
        dialogs.WaitForAssertion(() => Assert.Equal("CN¥29,680.00", dialogs.Find("[data-testid=quote-total]").TextContent.Trim()));
        dialogs.Find("[data-testid=quote-save]").Click();

        board.WaitForAssertion(() => Assert.Single(board.FindAll($"[data-stage=proposal] [data-deal-id='{deal.Id}']")));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=move-dialog]")));
        await using var db = App.CreateDbContext();
        var quote = await db.Quotes.Include(q => q.Lines).SingleAsync(q => q.DealId == deal.Id);
        Assert.Equal((QuoteStatus.Draft, 28_000m, 1_680m, 29_680m), (quote.Status, quote.Net, quote.Tax, quote.Gross));
        Assert.Equal(StageKeys.Proposal, await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Stage.Key).SingleAsync());
    }
}
