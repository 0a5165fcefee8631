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
}
