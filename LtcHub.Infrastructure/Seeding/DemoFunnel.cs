using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>
/// The demo's front of the funnel: campaigns with their costs, who owns which company and where it came
/// from, scorecards, follow-ups, and a public pool with companies in it. Strong sources (referrals,
/// partners, exhibitions) win more often than weak ones, so the win model has something to learn.
/// </summary>
internal sealed class DemoFunnel(Random random, DateTime now)
{
    private static readonly LeadSource[] Strong = [LeadSource.Referral, LeadSource.Partner, LeadSource.Exhibition];
    private static readonly LeadSource[] Weak = [LeadSource.Web, LeadSource.Phone, LeadSource.Other];

    public List<Campaign> Campaigns() =>
    [
        new("2026 上海工博会 CIIF", LeadSource.Exhibition, 180_000m, Money.DefaultCurrency, Day(-300), Day(-295)),
        new("百度搜索推广 Q3", LeadSource.Web, 60_000m, Money.DefaultCurrency, Day(-150), Day(-60)),
        new("合作伙伴大会 Partner Summit", LeadSource.Partner, 40_000m, Money.DefaultCurrency, Day(-200), Day(-199)),
        new("秋季线上研讨会 Autumn Webinar", LeadSource.Web, 15_000m, Money.DefaultCurrency, Day(-45), Day(-44)),
    ];

    /// <summary>Each company gets an owner (reps in turn), a level, a size and where it came from.</summary>
    public void Profile(IReadOnlyList<Account> accounts, IReadOnlyList<ApplicationUser> reps, IReadOnlyList<Campaign> campaigns)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            var owner = reps[i % reps.Count];
            account.AssignTo(owner.Id, owner.TeamId, account.CreatedAtUtc);
            var source = i % 2 == 0 ? Strong[random.Next(Strong.Length)] : Weak[random.Next(Weak.Length)];
            var campaign = campaigns.Where(c => c.Source == source).OrderBy(_ => random.Next()).FirstOrDefault();
            account.CameFrom(source, random.Next(3) == 0 ? null : campaign?.Id);
            account.SetProfile(new AccountProfile(account.Name, account.EnglishName, account.Industry, account.City, account.PreferredCulture,
                (CustomerLevel)random.Next(3), (SizeBand)random.Next(1, 5)));
        }
    }

    /// <summary>A company for a deal headed to <paramref name="target"/>: won deals lean to strong sources, lost ones to weak.</summary>
    public Account AccountFor(string target, IReadOnlyList<Account> accounts)
    {
        var won = target is StageKeys.Won or StageKeys.Handoff or StageKeys.Delivery or StageKeys.Invoiced or StageKeys.Paid;
        var lean = target == StageKeys.Lost ? Weak : won ? Strong : null;
        var pool = lean is not null && random.Next(10) < 7 ? accounts.Where(a => lean.Contains(a.Source!.Value)).ToList() : accounts;
        return pool[random.Next(pool.Count)];
    }

    /// <summary>The rep's scorecard when the lead is qualified (the company has no invoices yet).</summary>
    public Scorecard Score(Deal deal, ScoringSettings settings, Actor rep, DateTime at)
    {
        string[] notes = ["需求明确，已有预算", "预算待审批", "决策链较长", "集团子公司，潜力大", "Clear pain point", "Budget confirmed by CFO"];
        var card = new Scorecard(deal.Id);
        Rating Rate() => new(random.Next(2, 6), random.Next(3) == 0 ? null : notes[random.Next(notes.Length)]);
        card.Score(new ScorecardInput(Rate(), Rate(), Rate(), Rate(), null), PaymentHistory.None, settings, rep.UserId, rep.DisplayName, at);
        return card;
    }

    /// <summary>One to three follow-ups over the deal's life, the last some days ago; some with a next date ahead.</summary>
    public IEnumerable<FollowUp> FollowUpsFor(Deal deal, Account account, ApplicationUser owner, DateTime from, DateTime until)
    {
        var count = random.Next(1, 4);
        for (var n = 1; n <= count; n++)
        {
            var at = from + (until - from) * n / (count + 1);
            var next = n == count && random.Next(2) == 0 ? DateOnly.FromDateTime(now.AddDays(random.Next(0, 10))) : (DateOnly?)null;
            var followUp = new FollowUp(account.Id, deal.Id, account.Contacts.FirstOrDefault()?.Id, (FollowUpKind)random.Next(5),
                DemoNames.FollowUpNotes[random.Next(DemoNames.FollowUpNotes.Length)], at, next, owner.Id, owner.DisplayName, at,
                DateOnly.FromDateTime(at));
            deal.FollowedUp(at);
            account.FollowedUp(at);
            yield return followUp;
        }
    }

    /// <summary>A few companies nobody followed up went back to the pool (only ones without a deal past Lead still open).</summary>
    public IEnumerable<Account> Pool(IReadOnlyList<Account> accounts, IReadOnlyList<Deal> deals)
    {
        var candidates = accounts.Where(a => deals.Where(d => d.AccountId == a.Id).All(d => d.Stage.Key is StageKeys.Lead or StageKeys.Lost))
            .Take(6).ToList();
        foreach (var account in candidates)
        {
            account.ReturnToPool("30 天未跟进 · no follow-up in 30 days", now.AddDays(-random.Next(2, 20)));
        }

        return candidates;
    }

    private DateOnly Day(int offset) => DateOnly.FromDateTime(now.AddDays(offset));
}
