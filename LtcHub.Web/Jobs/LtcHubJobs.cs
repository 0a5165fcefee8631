using Hangfire;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Notifications;

namespace LtcHub.Web.Jobs;

/// <summary>
/// What Hangfire runs. Nothing that matters lives in Hangfire: each job is a scan of LtcHub's own
/// database with idempotent effects (see docs/decisions/004-…), so a lost or doubled run is harmless.
/// </summary>
public sealed class LtcHubJobs(DunningService dunning, ReminderService reminders, OutboxSender outbox)
{
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

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public Task OutboxAsync(CancellationToken cancellationToken) => outbox.SendPendingAsync(cancellationToken);
}
