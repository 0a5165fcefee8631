using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Scoring;

/// <summary>
/// How the five criteria weigh in a lead's total, and where the grades begin (Admin's, one row).
/// Weights are whole percentages summing to 100; grade bands are the lowest total for A, B and C.
/// </summary>
public sealed class ScoringSettings
{
    public const int SingletonId = 1;

    private ScoringSettings()
    {
    }

    public ScoringSettings(CriterionWeights weights, int gradeA, int gradeB, int gradeC)
    {
        Id = SingletonId;
        Update(weights, gradeA, gradeB, gradeC);
    }

    public int Id { get; private set; }

    public int NeedFitWeight { get; private set; }

    public int BudgetWeight { get; private set; }

    public int DecisionCycleWeight { get; private set; }

    public int SizeWeight { get; private set; }

    public int HistoryWeight { get; private set; }

    /// <summary>The lowest total that earns an A (then B, then C; below C is D).</summary>
    public int GradeA { get; private set; }

    public int GradeB { get; private set; }

    public int GradeC { get; private set; }

    public long Version { get; private set; }

    public CriterionWeights Weights => new(NeedFitWeight, BudgetWeight, DecisionCycleWeight, SizeWeight, HistoryWeight);

    public static ScoringSettings Default() => new(new CriterionWeights(30, 25, 15, 15, 15), 80, 60, 40);

    public static bool CanManage(Actor actor) => actor.IsAdmin;

    public void Update(CriterionWeights weights, int gradeA, int gradeB, int gradeC)
    {
        if (weights.All.Any(w => w is < 0 or > 100) || weights.All.Sum() != 100)
        {
            throw new DomainException("Error.WeightsSum", weights.All.Sum());
        }

        if (!(gradeA is > 0 and <= 100 && gradeB > 0 && gradeC > 0 && gradeA > gradeB && gradeB > gradeC))
        {
            throw new DomainException("Error.GradeBands");
        }

        (NeedFitWeight, BudgetWeight, DecisionCycleWeight, SizeWeight, HistoryWeight) =
            (weights.NeedFit, weights.Budget, weights.DecisionCycle, weights.Size, weights.History);
        (GradeA, GradeB, GradeC) = (gradeA, gradeB, gradeC);
        Version++;
    }

    public Grade GradeOf(int total) => total >= GradeA ? Grade.A : total >= GradeB ? Grade.B : total >= GradeC ? Grade.C : Grade.D;
}

/// <summary>The five criteria's weights, in percent.</summary>
public sealed record CriterionWeights(int NeedFit, int Budget, int DecisionCycle, int Size, int History)
{
    public IReadOnlyList<int> All => [NeedFit, Budget, DecisionCycle, Size, History];
}
