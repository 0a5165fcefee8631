namespace LtcHub.Web.Components.Shared;

/// <summary>
/// What a screen reader is told about other people's changes, throttled: everything that happens within one
/// window becomes one message, so a burst of moves is one announcement, not a stream that drowns the reader.
/// </summary>
public sealed class AnnouncementQueue
{
    /// <summary>How many sentences one message names before it only counts the rest.</summary>
    public const int Named = 3;

    private readonly List<string> _pending = [];

    /// <summary>Adds a sentence; true when it opens a new window (the caller flushes when the window ends).</summary>
    public bool Add(string sentence)
    {
        lock (_pending)
        {
            _pending.Add(sentence);
            return _pending.Count == 1;
        }
    }

    /// <summary>The window's one message: its first sentences, and how many more there were; the queue starts empty again.</summary>
    /// <param name="more">Says how many sentences were left out (given their number).</param>
    public string Flush(Func<int, string> more)
    {
        lock (_pending)
        {
            var named = string.Join(" ", _pending.Take(Named));
            var rest = _pending.Count - Named;
            _pending.Clear();
            return rest > 0 ? $"{named} {more(rest)}" : named;
        }
    }
}
