using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LtcHub.Tests.Support;

/// <summary>The real app on a clock the test moves (10:00 in Shanghai on 2026-11-27 to start), optionally with a real SMTP server.</summary>
public class BillingApp : LtcHubApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));

    /// <summary>When set before the app starts, letters go to this SMTP server.</summary>
    public SmtpInbox? Inbox { get; set; }

    public DateOnly Today => CompanyTime.Today(Clock);

    /// <summary>Moves the clock (forward only, as time goes) to 10:00 Shanghai time on <paramref name="day"/>.</summary>
    public void SetToday(DateOnly day) =>
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        if (Inbox is { } inbox)
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Smtp:Security", "None");
            builder.UseSetting("Smtp:From", "LtcHub Finance <finance@ltchub.local>");
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// A won deal of sales1's in Delivery and one invoice for it, due <paramref name="dueInDays"/> from today;
    /// the account's language and billing contact (with an e-mail) are set as asked.
    /// </summary>
    public async Task<InvoiceRow> InvoiceAsync(
        int dueInDays, decimal amount = 100_000m, string culture = "zh-CN", string? email = "ap@customer.example", int accountIndex = 0)
    {
        var deal = await CreateDealAsync("sales1@ltchub.local", StageKeys.Delivery, $"Billing {Guid.NewGuid():N}"[..20], amount, accountIndex);
        int contactId;
        await using (var db = CreateDbContext())
        {
            var account = await db.Accounts.Include(a => a.Contacts).SingleAsync(a => a.Id == deal.AccountId);
            var contact = account.AddContact(culture == "en-US" ? "Alice Accounts" : "付款联系人", email, null, "AP");
            await db.SaveChangesAsync();
            contactId = contact.Id;
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Accounts SET PreferredCulture = {culture} WHERE Id = {account.Id}");
        }

        var finance = await ActorAsync("finance1@ltchub.local");
        return await Get<BillingService>().CreateAsync(finance, new InvoiceInput(deal.Id, amount, Today.AddDays(dueInDays - 30), 30, contactId));
    }
}
