using System.Linq.Expressions;
using LtcHub.Domain.FollowUps;
using LtcHub.Infrastructure.Persistence;

namespace LtcHub.Infrastructure.Accounts;

internal static class FollowUpQueries
{
    /// <summary>Follow-ups as the timeline shows them, newest first.</summary>
    public static IQueryable<FollowUpLine> Lines(LtcHubDbContext db, Expression<Func<FollowUp, bool>> filter) =>
        from f in db.FollowUps.Where(filter)
        join d in db.Deals on f.DealId equals d.Id into ds
        from d in ds.DefaultIfEmpty()
        join c in db.Contacts on f.ContactId equals c.Id into cs
        from c in cs.DefaultIfEmpty()
        orderby f.AtUtc descending, f.Id descending
        select new FollowUpLine(f.Id, f.Kind, f.Content, f.AtUtc, f.NextFollowUpDate, f.AuthorName, f.DealId, d == null ? null : d.Name,
            f.ContactId, c == null ? null : c.Name);
}
