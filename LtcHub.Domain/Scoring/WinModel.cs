namespace LtcHub.Domain.Scoring;

/// <summary>What the win model looks at in a deal (each as a label: "Web", "IT", "上海", "Medium", "100K–500K", "East").</summary>
public sealed record DealTraits(string Source, string Industry, string Region, string Size, string AmountBand, string Team)
{
    public static readonly IReadOnlyList<string> Names = ["Source", "Industry", "Region", "Size", "AmountBand", "Team"];

    public IReadOnlyList<string> Values => [Source, Industry, Region, Size, AmountBand, Team];

    /// <summary>The amount bands the model groups deals in (CNY).</summary>
    public static string BandOf(decimal? amount) => amount switch
    {
        null => "-",
        < 100_000m => "<100K",
        < 500_000m => "100K–500K",
        < 1_000_000m => "500K–1M",
        < 5_000_000m => "1M–5M",
        _ => "≥5M",
    };
}

/// <summary>One trait's pull on a deal's chances: how much likelier it is among won deals than among lost ones.</summary>
public sealed record WinFactor(string Trait, string Value, double Ratio);

/// <summary>A deal's learned chance of being won, with what pulls it up and down.</summary>
public sealed record WinEstimate(bool Enough, double Probability, IReadOnlyList<WinFactor> For, IReadOnlyList<WinFactor> Against, int Won, int Lost);

/// <summary>
/// A naive-Bayes win model learned from the company's own closed deals (as Odoo's predictive lead scoring
/// does): P(won | traits) ∝ P(won) · Π P(trait | won), each frequency smoothed by adding one (a value never
/// seen with an outcome is unlikely, not impossible). Below <see cref="MinimumPerOutcome"/> won and lost
/// deals it says "not enough history" rather than guess.
/// </summary>
public sealed class WinModel
{
    public const int MinimumPerOutcome = 20;

    private readonly Dictionary<(int Trait, string Value), (int Won, int Lost)> _counts;
    private readonly int[] _distinct;

    private WinModel(int won, int lost, Dictionary<(int, string), (int, int)> counts, int[] distinct)
    {
        (Won, Lost, _counts, _distinct) = (won, lost, counts, distinct);
    }

    public int Won { get; }

    public int Lost { get; }

    public bool Enough => Won >= MinimumPerOutcome && Lost >= MinimumPerOutcome;

    public static WinModel Empty { get; } = Train([]);

    public static WinModel Train(IEnumerable<(DealTraits Traits, bool Won)> closed)
    {
        var counts = new Dictionary<(int, string), (int Won, int Lost)>();
        var (won, lost) = (0, 0);
        foreach (var (traits, outcome) in closed)
        {
            if (outcome)
            {
                won++;
            }
            else
            {
                lost++;
            }

            for (var i = 0; i < DealTraits.Names.Count; i++)
            {
                var key = (i, traits.Values[i]);
                var (w, l) = counts.GetValueOrDefault(key);
                counts[key] = outcome ? (w + 1, l) : (w, l + 1);
            }
        }

        var distinct = Enumerable.Range(0, DealTraits.Names.Count).Select(i => counts.Keys.Count(k => k.Item1 == i)).ToArray();
        return new WinModel(won, lost, counts, distinct);
    }

    public WinEstimate Estimate(DealTraits traits)
    {
        if (!Enough)
        {
            return new WinEstimate(false, 0, [], [], Won, Lost);
        }

        var logOdds = Math.Log((double)Won / Lost);
        var factors = new List<WinFactor>();
        for (var i = 0; i < DealTraits.Names.Count; i++)
        {
            var value = traits.Values[i];
            var (w, l) = _counts.GetValueOrDefault((i, value));
            // One more possible value than seen: the one this deal may bring.
            var values = _distinct[i] + 1;
            var ratio = ((w + 1.0) / (Won + values)) / ((l + 1.0) / (Lost + values));
            logOdds += Math.Log(ratio);
            factors.Add(new WinFactor(DealTraits.Names[i], value, ratio));
        }

        var probability = 1 / (1 + Math.Exp(-logOdds));
        return new WinEstimate(true, probability,
            factors.Where(f => f.Ratio > 1).OrderByDescending(f => f.Ratio).Take(3).ToList(),
            factors.Where(f => f.Ratio < 1).OrderBy(f => f.Ratio).Take(3).ToList(), Won, Lost);
    }
}
