using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Billing;

/// <summary>
/// The job that issues each plan instalment's invoice a set number of days before it is due (when the
/// company turned it on). Safe to run twice at once: an instalment has at most one invoice (a unique
/// key), so the second run finds it invoiced and moves on.
/// </summary>
public sealed class PlanInvoicing(
    IDbContextFactory<LtcHubDbContext> contexts,
    BillingService billing,
    CompanySettingsService settings,
    TimeProvider time,
    ILogger<PlanInvoicing> logger)
{
    private static readonly string[] Invoiceable = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery, StageKeys.Invoiced];

    public async Task<int> IssueDueAsync(CancellationToken cancellationToken = default)
    {
        if ((await settings.GetAsync()).AutoInvoiceDaysBeforeDue is not { } days)
        {
            return 0;
        }

        var today = CompanyTime.Today(time);
        var horizon = today.AddDays(days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await (from l in db.PaymentPlanLines
                         join c in db.Contracts on l.ContractId equals c.Id
                         join d in db.Deals on c.DealId equals d.Id
                         where l.DueDate <= horizon && Invoiceable.Contains(d.Stage.Key) && !db.Invoices.Any(i => i.PaymentPlanLineId == l.Id)
                         orderby l.DueDate
                         select new
                         {
                             LineId = l.Id, l.DueDate, l.Amount, DealId = d.Id,
                             ContactId = db.Contacts.Where(x => x.AccountId == d.AccountId && x.Email != null).OrderBy(x => x.Id).Select(x => (int?)x.Id).FirstOrDefault(),
                         }).ToListAsync(cancellationToken);
        var issued = 0;
        foreach (var line in due)
        {
            try
            {
                var terms = Math.Max(0, line.DueDate.DayNumber - today.DayNumber);
                await billing.CreateAsync(Actor.System, new InvoiceInput(line.DealId, line.Amount, today, terms, line.ContactId, line.LineId));
                issued++;
            }
            catch (DomainException e)
            {
                // Invoiced meanwhile (another run, Finance by hand), or the deal cannot be invoiced now: the next run looks again.
                logger.LogInformation("Instalment {LineId} not invoiced automatically: {Reason}", line.LineId, e.Code);
            }
        }

        return issued;
    }
}
