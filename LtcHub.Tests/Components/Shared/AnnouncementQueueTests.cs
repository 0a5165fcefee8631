using LtcHub.Web.Components.Shared;

namespace LtcHub.Tests.Components.Shared;

public class AnnouncementQueueTests
{
    [Fact]
    public void OneSentence_IsReadAsItIs_AndOnlyTheFirstOpensAWindow()
    {
        var queue = new AnnouncementQueue();

        Assert.True(queue.Add("王芳 moved A to Won."));
        Assert.Equal("王芳 moved A to Won.", queue.Flush(n => $"And {n} more."));
        Assert.True(queue.Add("李伟 moved B to Lost."));
    }

    [Fact]
    public void ABurst_IsOneMessage_NamingTheFirstThree_AndCountingTheRest()
    {
        var queue = new AnnouncementQueue();
        var opened = Enumerable.Range(1, 5).Select(i => queue.Add($"Move {i}.")).ToList();

        var message = queue.Flush(n => $"And {n} more changes.");

        Assert.Equal([true, false, false, false, false], opened);
        Assert.Equal("Move 1. Move 2. Move 3. And 2 more changes.", message);
        Assert.Equal("", queue.Flush(n => $"And {n} more changes."));
    }
}
