using Bunit;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Components.Pages.Invoices;
using LtcHub.Web.Components.Pages.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Shared;

/// <summary>Dialogs refuse text their inputs cannot read, with a message that says so, and never submit it as "no value".</summary>
public class UnreadableInputTests : ComponentTest
{
    private static readonly InvoiceRow Invoice = new(1, "INV-2026-00001", 1, "Deal", 1, "客户", null, "u1", "Owner", 1_000m, 0m, "CNY",
        new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), null, null, 1);

    private static string Input(string field) => $"input[data-field={field}], [data-field={field}] input";

    [Fact]
    public async Task PaymentAmount_abc_IsUnreadable_NotMustBeMoreThanZero_AndNothingIsSubmitted()
    {
        var dialogs = Render<MudDialogProvider>();
        var submitted = 0;
        var parameters = new DialogParameters<PaymentDialog>
        {
            { d => d.Invoice, Invoice },
            { d => d.Today, new DateOnly(2026, 11, 27) },
            { d => d.Submit, _ => { submitted++; return Task.FromResult<PaymentOutcome>(null!); } },
        };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<PaymentDialog>("Pay", parameters));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(Input("payment-amount"))));

        dialogs.Find(Input("payment-amount")).Change("abc");
        dialogs.Find("[data-testid=payment-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.StartsWith("A value could not be read", dialogs.Find("[data-testid=payment-error]").TextContent));

        dialogs.Find(Input("payment-amount")).Change("");
        dialogs.Find("[data-testid=payment-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("Amount received is required.", dialogs.Find("[data-testid=payment-error]").TextContent.Trim()));
        Assert.Equal(0, submitted);
    }
}
