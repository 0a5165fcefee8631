using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Pipeline;

/// <summary>A column of the board: names in both languages, order, owning team and rules.</summary>
public sealed class Stage
{
    public const int KeyMaxLength = 32;
    public const int NameMaxLength = 60;

    private Stage()
    {
    }

    public Stage(
        string key, string nameZh, string nameEn, int order, TeamKind owningTeam, int probability,
        int? wipLimit, int? daysUntilStale, EntryRequirement entryRules)
    {
        Key = ValidKey(key);
        Configure(nameZh, nameEn, order, owningTeam, probability, wipLimit, daysUntilStale, entryRules);
        Version = 1;
    }

    public int Id { get; private set; }

    public string Key { get; private set; } = "";

    public string NameZh { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public int Order { get; private set; }

    public TeamKind OwningTeam { get; private set; }

    /// <summary>Win probability in percent (0–100) used for weighted totals.</summary>
    public int Probability { get; private set; }

    /// <summary>Soft work-in-progress limit: exceeding it warns, it never blocks.</summary>
    public int? WipLimit { get; private set; }

    public int? DaysUntilStale { get; private set; }

    public EntryRequirement EntryRules { get; private set; }

    /// <summary>With a scorecard rule: the grade a lead needs to enter (null: any grade).</summary>
    public Grade? MinimumGrade { get; private set; }

    /// <summary>Concurrency token: two admins editing the same stage cannot overwrite each other unseen.</summary>
    public long Version { get; private set; }

    /// <summary>Lost is the terminal "out" stage, shown apart from the flow.</summary>
    public bool IsLost => Key == StageKeys.Lost;

    public string Name(bool english) => english ? NameEn : NameZh;

    public void Configure(
        string nameZh, string nameEn, int order, TeamKind owningTeam, int probability,
        int? wipLimit, int? daysUntilStale, EntryRequirement entryRules, Grade? minimumGrade = null)
    {
        NameZh = Text.Required(nameZh, NameMaxLength, "Field.StageNameZh");
        NameEn = Text.Required(nameEn, NameMaxLength, "Field.StageNameEn");
        if (probability is < 0 or > 100)
        {
            throw new DomainException("Error.ProbabilityRange");
        }

        if (wipLimit is <= 0 or > 10_000)
        {
            throw new DomainException("Error.WipLimitRange");
        }

        if (daysUntilStale is <= 0 or > 3650)
        {
            throw new DomainException("Error.StaleDaysRange");
        }

        Order = order;
        OwningTeam = owningTeam;
        Probability = probability;
        WipLimit = wipLimit;
        DaysUntilStale = daysUntilStale;
        EntryRules = entryRules;
        MinimumGrade = entryRules.HasFlag(EntryRequirement.Scorecard) ? minimumGrade : null;
        Version++;
    }

    /// <summary>The settings in one readable line, for the audit log.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{NameZh} / {NameEn}; order {Order}; {OwningTeam}; {Probability}%; WIP {WipLimit?.ToString(CultureInfo.InvariantCulture) ?? "-"}; stale {DaysUntilStale?.ToString(CultureInfo.InvariantCulture) ?? "-"}; rules {EntryRules}; grade {MinimumGrade?.ToString() ?? "-"}");

    private static string ValidKey(string key)
    {
        var value = Text.Required(key, KeyMaxLength, "Field.StageKey");
        if (!value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new DomainException("Error.StageKeyInvalid", value);
        }

        return value;
    }
}
