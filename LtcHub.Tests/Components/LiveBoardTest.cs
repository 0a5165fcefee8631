using System.Security.Claims;
using Bunit;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Pipeline;
using LtcHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Tests.Components;

/// <summary>The board page rendered by bUnit against a real app's services (SQLite, bus, presence).</summary>
public abstract class LiveBoardTest : ComponentTest
{
    protected LiveBoardTest(LtcHubApp app)
    {
        App = app;
        Services.AddSingleton(app.Get<PipelineService>());
        Services.AddSingleton(app.Get<BoardReader>());
        Services.AddSingleton(app.Get<BoardStore>());
        Services.AddSingleton(app.Get<IBoardEvents>());
        Services.AddSingleton(app.Get<BoardPresence>());
        Services.AddSingleton(app.Get<BoardPreferences>());
        Services.AddSingleton(app.Get<StageSettingsService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Billing.BillingService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Billing.InvoiceReader>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Quotes.QuoteService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Quotes.QuoteReader>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Catalog.ProductService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Settings.CompanySettingsService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Contracts.ContractService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Contracts.ContractReader>());
        Services.AddSingleton(app.Get<TimeProvider>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Accounts.FollowUpService>());
        Services.AddSingleton(app.Get<LtcHub.Infrastructure.Scoring.ScorecardService>());
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<CircuitPresence>();
        Services.AddScoped<MoveFlow>();
    }

    protected LtcHubApp App { get; }

    /// <summary>Signs the test in and marks the renderer as a live circuit (not prerendering).</summary>
    protected void SignIn(string userId, string displayName, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(displayName);
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim(LtcHubClaims.DisplayName, displayName));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Signs in with the person's team and the teams they manage in the claims too (as the cookie has them).</summary>
    protected async Task SignInWithTeamsAsync(string email)
    {
        var actor = await App.ActorAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.DisplayName);
        auth.SetRoles([.. actor.Roles]);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, actor.UserId), new(LtcHubClaims.DisplayName, actor.DisplayName) };
        if (actor.TeamId is { } team)
        {
            claims.Add(new Claim(LtcHubClaims.TeamId, team.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        claims.AddRange(actor.ManagedTeamIds.Select(id => new Claim(LtcHubClaims.ManagedTeamId, id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        auth.SetClaims([.. claims]);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected async Task SignInAsAsync(string email)
    {
        var actor = await App.ActorAsync(email);
        SignIn(actor.UserId, actor.DisplayName, [.. actor.Roles]);
    }
}
