using Microsoft.Playwright;

namespace LtcHub.Benchmarks;

/// <summary>What a benchmark does on a board page: move a card through its menu, and watch for a card to arrive.</summary>
public static class BoardProbe
{
    private const string ArmScript = """
        ({ stage, id }) => {
            const selector = `[data-stage="${stage}"] [data-deal-id="${id}"]`;
            window.__seen = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (document.querySelector(selector)) { observer.disconnect(); resolve(Date.now()); }
                });
                observer.observe(document.body, { childList: true, subtree: true, attributes: true });
                setTimeout(() => { observer.disconnect(); resolve(NaN); }, 15000);
            });
        }
        """;

    /// <summary>From now on, <c>window.__seen</c> resolves to the wall-clock ms at which the card appears in the stage.</summary>
    public static Task ArmAsync(IPage page, string stage, string dealId) => page.EvaluateAsync(ArmScript, new { stage, id = dealId });

    public static Task<double> SeenAtAsync(IPage page) => page.EvaluateAsync<double>("() => window.__seen");

    /// <summary>Opens the card's menu and clicks "move to"; returns the wall-clock ms of the click.</summary>
    public static async Task<double> MoveAsync(IPage mover, string dealId, string targetStage)
    {
        await mover.ClickAsync($"[data-deal-id='{dealId}'] [data-testid=card-menu] button");
        await mover.WaitForSelectorAsync($"[data-move-to={targetStage}]");
        return await mover.EvaluateAsync<double>(
            "key => { const t = Date.now(); document.querySelector(`[data-move-to=${key}]`).click(); return t; }", targetStage);
    }

    public static Task<string?> FirstDealInAsync(IPage page, string stage) =>
        page.GetAttributeAsync($"[data-stage={stage}] [data-deal-id]", "data-deal-id");
}
