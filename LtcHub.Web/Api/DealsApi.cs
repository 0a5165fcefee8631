using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Exports;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Api;

/// <summary>A new deal: in the board's first stage, owned by the caller unless a manager names one of their team.</summary>
public sealed record DealCreate(string Name, int AccountId, decimal? Amount, string? Currency, DateOnly? ExpectedCloseDate, string? OwnerId);

/// <summary>A stage move with what the target stage's entry rules may need (as the board's move dialog asks).</summary>
public sealed record DealMove(string Stage, decimal? Amount = null, DateOnly? CloseDate = null, string? LossReason = null, bool OpsAccepted = false);

/// <summary><c>/api/v1/deals</c>: the board's deals through <see cref="PipelineService"/> — the board's rules, permissions and live updates.</summary>
public static class DealsApi
{
    public static RouteGroupBuilder MapDeals(this RouteGroupBuilder api)
    {
        var deals = api.MapGroup("/deals").WithTags("Deals");
        deals.MapGet("/", async (HttpRequest request, ApiReader reader) =>
            Results.Ok(await reader.DealsAsync(FilterQuery.Parse<DealQuery>(request.Query), ApiHttp.Paging(request.Query))));

        deals.MapGet("/{id:int}", async (int id, HttpContext http, BoardReader board) =>
            await board.CardAsync(id) is { } card ? ApiHttp.Tagged(http, ApiDeal.From(card), card.Version) : throw new NotFoundException());

        deals.MapPost("/", async (DealCreate body, HttpContext http, PipelineService pipeline) =>
        {
            var card = await pipeline.CreateAsync(http.User.Actor(),
                new NewDeal(body.Name, body.AccountId, body.Amount, body.Currency ?? Money.DefaultCurrency, body.ExpectedCloseDate, body.OwnerId));
            return ApiHttp.Created(http, $"{ApiSetup.Prefix}/deals/{card.Id}", ApiDeal.From(card), card.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);

        deals.MapPut("/{id:int}", async (int id, DealEdit body, HttpContext http, PipelineService pipeline, IStringLocalizer<SharedResource> l) =>
            ApiProblems.For(await pipeline.EditAsync(http.User.Actor(), id, ApiHttp.IfMatch(http.Request), body), l, http))
            .RequireAuthorization(ApiSetup.WritePolicy);

        deals.MapPost("/{id:int}/move", async (int id, DealMove body, HttpContext http, PipelineService pipeline, IStringLocalizer<SharedResource> l) =>
            ApiProblems.For(await pipeline.MoveAsync(http.User.Actor(), id, ApiHttp.IfMatch(http.Request), body.Stage ?? "",
                new StageEntryInput(body.Amount, body.CloseDate, body.LossReason, body.OpsAccepted)), l, http))
            .RequireAuthorization(ApiSetup.WritePolicy);
        return api;
    }
}
