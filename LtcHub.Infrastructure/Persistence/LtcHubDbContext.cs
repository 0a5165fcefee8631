using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>
/// The model, shared by both providers. Concrete subclasses (<see cref="SqliteLtcHubDbContext"/>,
/// <see cref="SqlServerLtcHubDbContext"/>) exist only so each provider keeps its own migrations.
/// </summary>
public abstract class LtcHubDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<AccountSegment> AccountSegments => Set<AccountSegment>();

    public DbSet<PoolRules> PoolRules => Set<PoolRules>();

    public DbSet<DuplicateRules> DuplicateRules => Set<DuplicateRules>();

    public DbSet<Domain.FollowUps.FollowUp> FollowUps => Set<Domain.FollowUps.FollowUp>();

    public DbSet<Domain.Scoring.Scorecard> Scorecards => Set<Domain.Scoring.Scorecard>();

    public DbSet<Domain.Scoring.ScoringSettings> ScoringSettings => Set<Domain.Scoring.ScoringSettings>();

    public DbSet<Stage> Stages => Set<Stage>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<Quote> Quotes => Set<Quote>();

    public DbSet<QuoteLine> QuoteLines => Set<QuoteLine>();

    public DbSet<Domain.Catalog.Product> Products => Set<Domain.Catalog.Product>();

    public DbSet<Domain.Contracts.Contract> Contracts => Set<Domain.Contracts.Contract>();

    public DbSet<Domain.Contracts.PaymentPlanLine> PaymentPlanLines => Set<Domain.Contracts.PaymentPlanLine>();

    public DbSet<Domain.Settings.CompanySettings> CompanySettings => Set<Domain.Settings.CompanySettings>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<MeetingReport> MeetingReports => Set<MeetingReport>();

    public DbSet<Reports.StageMove> StageMoves => Set<Reports.StageMove>();

    public DbSet<Domain.Targets.SalesTarget> Targets => Set<Domain.Targets.SalesTarget>();

    public DbSet<MeetingEntry> MeetingEntries => Set<MeetingEntry>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<DunningPolicy> DunningPolicies => Set<DunningPolicy>();

    public DbSet<DunningNotice> DunningNotices => Set<DunningNotice>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();

    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Imports.ImportRun> Imports => Set<Imports.ImportRun>();

    public DbSet<Imports.ImportItem> ImportItems => Set<Imports.ImportItem>();

    public DbSet<Imports.ImportRowError> ImportRowErrors => Set<Imports.ImportRowError>();

    public DbSet<Imports.ImportMappingMemory> ImportMappings => Set<Imports.ImportMappingMemory>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LtcHubDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Everything is stored in UTC; say so when reading it back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
