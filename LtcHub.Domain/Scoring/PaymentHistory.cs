namespace LtcHub.Domain.Scoring;

/// <summary>
/// Criterion 5 (合作历史), read from the account's own invoices and payments — never typed by a rep.
/// Paid on time = the invoice was fully paid on or before its due date.
/// </summary>
/// <param name="Invoices">Invoices issued to the account.</param>
/// <param name="Paid">Of those, fully paid.</param>
/// <param name="PaidOnTime">Of the paid ones, paid by their due date.</param>
/// <param name="AverageDaysLate">Over the paid ones paid late, how late on average.</param>
/// <param name="OverdueNow">Open invoices past their due date today.</param>
/// <param name="MostDaysOverdue">The oldest of those, in days.</param>
public sealed record PaymentHistory(int Invoices, int Paid, int PaidOnTime, double AverageDaysLate, int OverdueNow, int MostDaysOverdue)
{
    public static PaymentHistory None { get; } = new(0, 0, 0, 0, 0, 0);

    public bool HasHistory => Invoices > 0;

    /// <summary>The share paid on time, of the invoices paid (null before anything was paid).</summary>
    public double? OnTimeShare => Paid == 0 ? null : (double)PaidOnTime / Paid;

    /// <summary>
    /// The criterion's rating, 0–5 (one decimal), or null for a new customer ("no history"): five times the share
    /// paid on time (2.5 while nothing is paid yet), one less if paid invoices were a month late on average, one
    /// less for anything overdue now, and one more less if that is over a month overdue.
    /// </summary>
    public decimal? Rating
    {
        get
        {
            if (!HasHistory)
            {
                return null;
            }

            var rating = 5.0 * (OnTimeShare ?? 0.5);
            rating -= AverageDaysLate > 30 ? 1 : 0;
            rating -= OverdueNow > 0 ? 1 : 0;
            rating -= MostDaysOverdue > 30 ? 1 : 0;
            return Math.Round((decimal)Math.Clamp(rating, 0, 5), 1, MidpointRounding.AwayFromZero);
        }
    }
}
