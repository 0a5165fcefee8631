using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptions.From(configuration, contentRoot);
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);

        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerLtcHubDbContext>((sp, o) =>
                    o.UseSqlServer(database.ConnectionString, sql => sql.EnableRetryOnFailure())
                        .AddInterceptors(new UpdatedStamps(sp.GetRequiredService<TimeProvider>()), new Reports.StageMoveLog()));
                services.AddSingleton<IDbContextFactory<LtcHubDbContext>, LtcHubDbContextFactory<SqlServerLtcHubDbContext>>();
                break;
            default:
                services.AddDbContextFactory<SqliteLtcHubDbContext>((sp, o) =>
                    SqlitePragmas.Configure(o, database.ConnectionString).AddInterceptors(new UpdatedStamps(sp.GetRequiredService<TimeProvider>()), new Reports.StageMoveLog()));
                services.AddSingleton<IDbContextFactory<LtcHubDbContext>, LtcHubDbContextFactory<SqliteLtcHubDbContext>>();
                break;
        }

        // Identity's stores want a scoped context; everything else uses the factory.
        services.AddScoped<LtcHubDbContext>(sp => sp.GetRequiredService<IDbContextFactory<LtcHubDbContext>>().CreateDbContext());

        services.AddOptions<SeedOptions>().Bind(configuration.GetSection("Seed"));
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<Identity.UserAdminService>();
        services.AddSingleton<Identity.UserSessions>();
        services.AddSingleton<Identity.ProfileService>();
        services.AddSingleton<Api.ApiTokenService>();
        services.AddSingleton<Api.ApiReader>();
        services.AddSingleton<Webhooks.WebhookService>();
        services.AddSingleton(new Imports.ImportStore(configuration, contentRoot));
        services.AddSingleton<Imports.ImportService>();
        services.AddSingleton<Imports.ImportRunner>();
        services.AddSingleton<Imports.ImportUndo>();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddHttpClient(Webhooks.WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<Audit.AuditLogService>();
        services.AddSingleton<Identity.SessionTicketStore>();
        services.AddMetrics();
        services.AddSingleton<Diagnostics.LtcHubMetrics>();
        if (!services.AddRedisEvents(configuration))
        {
            services.AddSingleton<IBoardEvents, InProcessBoardEvents>();
        }

        services.AddSingleton<BoardReader>();
        services.AddSingleton<BoardStore>();
        services.AddSingleton<Accounts.AccountDirectory>();
        services.AddSingleton<Accounts.AccountReader>();
        services.AddSingleton<Accounts.AccountService>();
        services.AddSingleton<Accounts.DuplicateCheck>();
        services.AddSingleton<Accounts.FollowUpService>();
        services.AddSingleton<Accounts.LeadService>();
        services.AddSingleton<Accounts.WebLeadService>();
        services.AddSingleton<Accounts.PoolService>();
        services.AddSingleton<Accounts.PoolReclaimer>();
        services.AddSingleton<Accounts.CampaignService>();
        services.AddSingleton<Scoring.ScorecardService>();
        services.AddSingleton<Scoring.WinProbability>();
        services.AddSingleton<PipelineService>();
        services.AddSingleton<StageSettingsService>();
        services.AddSingleton<BoardPreferences>();
        services.AddSingleton<Meetings.MeetingPresence>();
        services.AddSingleton<Meetings.MeetingHistory>();
        services.AddSingleton<Meetings.MeetingRoomReader>();
        services.AddSingleton<Meetings.MeetingScheduler>();
        services.AddSingleton<Meetings.MeetingService>();
        services.AddSingleton<Meetings.MeetingReports>();
        services.AddSingleton<Targets.TargetService>();
        services.AddSingleton<Reports.IReport, Reports.FunnelReport>();
        services.AddSingleton<Reports.IReport, Reports.TimeInStageReport>();
        services.AddSingleton<Reports.IReport, Reports.ForecastReport>();
        services.AddSingleton<Reports.IReport, Reports.TargetsReport>();
        services.AddSingleton<Reports.IReport, Reports.WinRateReport>();
        services.AddSingleton<Reports.IReport, Reports.ArAgingReport>();
        services.AddSingleton<Reports.IReport, Reports.SourceReturnReport>();
        services.AddSingleton<Reports.IReport, Reports.SharedKpiReport>();
        services.AddSingleton<Reports.ReportHub>();
        services.AddSingleton<SqliteStatistics>();
        services.AddSingleton<BoardPresence>();

        var smtp = Mail.SmtpOptions.Read(configuration, contentRoot);
        services.AddSingleton(smtp);
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            services.AddSingleton<Mail.IEmailTransport, Mail.PickupFolderTransport>();
        }
        else
        {
            services.AddSingleton<Mail.IEmailTransport, Mail.SmtpEmailTransport>();
        }

        services.AddSingleton<Notifications.NotificationService>();
        services.AddSingleton<Notifications.OutboxSender>();
        services.AddSingleton<Notifications.ReminderService>();
        services.AddSingleton<Billing.BillingService>();
        services.AddSingleton<Billing.InvoiceReader>();
        services.AddSingleton<Billing.PlanInvoicing>();
        services.AddSingleton<Billing.DunningSettingsService>();
        services.AddSingleton<Settings.CompanySettingsService>();
        services.AddSingleton<Catalog.ProductService>();
        services.AddSingleton<Pdf.PdfFonts>();
        services.AddSingleton<Quotes.QuotePdf>();
        services.AddSingleton<Quotes.QuoteReader>();
        services.AddSingleton<Quotes.QuoteService>();
        services.AddSingleton<Quotes.QuoteExpiry>();
        services.AddSingleton(new Contracts.AttachmentStore(configuration, contentRoot));
        services.AddSingleton<Contracts.ContractReader>();
        services.AddSingleton<Contracts.ContractService>();
        services.AddSingleton<Billing.DunningService>();
        return services;
    }
}
