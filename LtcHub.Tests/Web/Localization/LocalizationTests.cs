using System.Globalization;
using System.Resources;
using LtcHub.Domain.Pipeline;
using LtcHub.Web;

namespace LtcHub.Tests.Web.Localization;

public class LocalizationTests
{
    private static readonly ResourceManager Resources = new("LtcHub.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static Dictionary<string, string> Strings(string culture) =>
        Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void EveryString_ExistsInBothLanguages()
    {
        var english = Strings("");
        var chinese = Strings("zh-CN");

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.All(chinese, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void EveryEntryRequirement_AndEveryDefaultStage_HasAName()
    {
        var english = Strings("");
        Assert.All(Enum.GetValues<EntryRequirement>().Where(r => r != EntryRequirement.None),
            r => Assert.Contains("Requirement." + r, english.Keys));
        Assert.All(DefaultPipeline.Create(), s => Assert.Contains("Stage." + s.Key, english.Keys));
    }

    /// <summary>
    /// Every text the code asks for by name exists: the UI's L["…"] keys, every error code a service can raise,
    /// and the names of every value of the enums the UI shows by "Prefix." + value.
    /// </summary>
    [Fact]
    public void EveryKeyTheCodeUses_HasAText()
    {
        var english = Strings("");
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LtcHub.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var used = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                && !f.Contains("Migrations", StringComparison.Ordinal) && !f.Contains("LtcHub.Tests", StringComparison.Ordinal)
                && !f.Contains("LtcHub.Benchmarks", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            used.UnionWith(System.Text.RegularExpressions.Regex.Matches(text, @"L\[""([A-Za-z][\w.]*[\w])""").Select(m => m.Groups[1].Value));
            used.UnionWith(System.Text.RegularExpressions.Regex.Matches(text, @"""(Error\.[A-Za-z]+)""").Select(m => m.Groups[1].Value));
        }

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(english.Keys).Order());
        (string Prefix, Type Enum)[] shown =
        [
            ("LeadSource.", typeof(LtcHub.Domain.Accounts.LeadSource)), ("FollowUpKind.", typeof(LtcHub.Domain.FollowUps.FollowUpKind)),
            ("SizeBand.", typeof(LtcHub.Domain.Accounts.SizeBand)), ("AccountStatus.", typeof(LtcHub.Domain.Accounts.AccountStatus)),
            ("Payment.", typeof(LtcHub.Infrastructure.Accounts.PaymentBehaviour)), ("DuplicateMode.", typeof(LtcHub.Domain.Accounts.DuplicateMode)),
            ("Duplicate.", typeof(LtcHub.Infrastructure.Accounts.DuplicateKind)), ("LeadSort.", typeof(LtcHub.Infrastructure.Accounts.LeadSort)),
            ("Theme.", typeof(LtcHub.Infrastructure.Identity.UiTheme)),
        ];
        Assert.Empty(shown.SelectMany(s => Enum.GetNames(s.Enum).Select(n => s.Prefix + n)).Except(english.Keys));
        Assert.Empty(LtcHub.Domain.Scoring.DealTraits.Names.Select(n => "Trait." + n).Except(english.Keys));
    }
}
