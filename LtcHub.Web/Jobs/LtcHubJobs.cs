using Hangfire;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Quotes;
using LtcHub.Infrastructure.Imports;
using LtcHub.Infrastructure.Scoring;
using LtcHub.Infrastructure.Webhooks;

namespace LtcHub.Web.Jobs;

/// <summary>
/// What Hangfire runs. Nothing that matters lives in Hangfire: each job is a scan of LtcHub's own
/// database with idempotent effects (see docs/decisions/004-…), so a lost or doubled run is harmless.
/// </summary>
public sealed class LtcHubJobs(
    DunningService dunning, ReminderService reminders, OutboxSender outbox, QuoteExpiry quotes, PlanInvoicing planInvoicing, PoolReclaimer pool,
    WinProbability winModel, WebhookSender webhooks, ImportRunner imports, LtcHub.Infrastructure.Persistence.SqliteStatistics statistics)
{
    /// <summary>SQLite's query-planner statistics, refreshed nightly (the reports' plans depend on them; nothing on SQL Server).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public Task SqliteStatisticsAsync(CancellationToken cancellationToken) => statistics.RefreshAsync(cancellationToken);

    /// <summary>Sent quotes past their valid-until date expire (nightly).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 3)]
    public Task ExpireQuotesAsync(CancellationToken cancellationToken) => quotes.RunAsync(cancellationToken);

    /// <summary>Instalments due within the configured days get their invoice (only when the company turned it on).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task PlanInvoicesAsync(CancellationToken cancellationToken)
    {
        await planInvoicing.IssueDueAsync(cancellationToken);
        await outbox.SendPendingAsync(cancellationToken);
    }

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task DunningAsync(CancellationToken cancellationToken)
    {
        await dunning.RunAsync(cancellationToken);
        await outbox.SendPendingAsync(cancellationToken);
    }

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RemindersAsync(CancellationToken cancellationToken)
    {
        await reminders.RunAsync(cancellationToken);
        await outbox.SendPendingAsync(cancellationToken);
    }

    /// <summary>Customers nobody followed up go back to the public pool; owners of those due soon are warned (nightly).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task PoolReclaimAsync(CancellationToken cancellationToken)
    {
        await pool.RunAsync(cancellationToken);
        await outbox.SendPendingAsync(cancellationToken);
    }

    /// <summary>The win model learns again from every closed deal (nightly; also whenever a deal is won or lost).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public Task WinModelAsync(CancellationToken cancellationToken) => winModel.RetrainAsync(cancellationToken);

    /// <summary>Webhook deliveries that are due (new, or their backoff over); each is claimed in the database before it is sent.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task WebhooksAsync(CancellationToken cancellationToken) => webhooks.SendDueAsync(cancellationToken);

    /// <summary>One import, batch by batch; a run that was cut short goes on from its last committed batch when retried.</summary>
    [AutomaticRetry(Attempts = 2)]
    public Task ImportAsync(int importId, CancellationToken cancellationToken) => imports.RunAsync(importId, cancellationToken);

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public Task OutboxAsync(CancellationToken cancellationToken) => outbox.SendPendingAsync(cancellationToken);
}
