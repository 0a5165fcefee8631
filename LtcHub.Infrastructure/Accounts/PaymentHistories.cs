using LtcHub.Domain.Scoring;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>Reads an account's cooperation history (criterion 5) from its invoices and their payments.</summary>
internal static class PaymentHistories
{
    public static async Task<PaymentHistory> OfAsync(LtcHubDbContext db, int accountId, DateOnly today, CancellationToken cancellationToken = default) =>
        (await OfAsync(db, [accountId], today, cancellationToken)).GetValueOrDefault(accountId) ?? PaymentHistory.None;

    public static async Task<Dictionary<int, PaymentHistory>> OfAsync(
        LtcHubDbContext db, IReadOnlyCollection<int> accountIds, DateOnly today, CancellationToken cancellationToken = default)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => accountIds.Contains(i.AccountId))
            .Select(i => new { i.AccountId, i.Amount, i.PaidAmount, i.DueDate, LastPayment = i.Payments.Max(p => (DateOnly?)p.Date) })
            .ToListAsync(cancellationToken);
        return invoices.GroupBy(i => i.AccountId).ToDictionary(g => g.Key, g =>
        {
            var paid = g.Where(i => i.PaidAmount >= i.Amount && i.LastPayment is not null).ToList();
            var late = paid.Where(i => i.LastPayment > i.DueDate).Select(i => i.LastPayment!.Value.DayNumber - i.DueDate.DayNumber).ToList();
            var overdue = g.Where(i => i.PaidAmount < i.Amount && i.DueDate < today).Select(i => today.DayNumber - i.DueDate.DayNumber).ToList();
            return new PaymentHistory(g.Count(), paid.Count, paid.Count - late.Count, late.Count == 0 ? 0 : late.Average(),
                overdue.Count, overdue.Count == 0 ? 0 : overdue.Max());
        });
    }
}
