using System.Collections.Concurrent;
using System.Text.Json;
using LtcHub.Infrastructure.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LtcHub.Infrastructure.Events;

/// <summary>
/// The bus across several app instances (<c>ConnectionStrings:Redis</c>): an event is delivered to this instance's
/// subscribers at once (the mover does not wait for a round trip) and published on one Redis channel; every other
/// instance delivers it to its own. Presence is per instance in memory, so a presence event carries only the sender's
/// people: each instance merges the lists it last heard from every instance, re-announces its own every
/// <see cref="AnnounceEvery"/> and forgets an instance not heard from for <see cref="ForgetAfter"/> (one that stopped).
/// </summary>
public sealed class RedisBoardEvents : IBoardEvents, IDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("ltchub:events");
    public static readonly TimeSpan AnnounceEvery = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(30);

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisBoardEvents> _logger;
    private readonly Subscribers<BoardEvent> _subscribers;
    private readonly TimeProvider _time;
    private readonly LtcHubMetrics? _metrics;
    private readonly Timer _announce;
    private readonly ConcurrentDictionary<string, Heard<PresenceChanged>> _boardPresence = new();
    private readonly ConcurrentDictionary<(string Instance, int Meeting), Heard<MeetingPresenceChanged>> _roomPresence = new();
    private PresenceChanged? _ownBoard;
    private readonly ConcurrentDictionary<int, MeetingPresenceChanged> _ownRooms = new();

    public RedisBoardEvents(IConnectionMultiplexer redis, ILogger<RedisBoardEvents> logger, TimeProvider time, LtcHubMetrics? metrics = null)
    {
        _redis = redis;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _subscribers = new Subscribers<BoardEvent>(logger, metrics, "bus");
        _redis.GetSubscriber().Subscribe(Channel, (_, message) => Receive(message));
        _announce = new Timer(_ => Announce(), null, AnnounceEvery, AnnounceEvery);
    }

    /// <summary>This instance's name on the channel (new with every start).</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public int SubscriberCount => _subscribers.Count;

    public async Task PublishAsync(BoardEvent boardEvent)
    {
        _metrics?.Published(boardEvent);
        switch (boardEvent)
        {
            case PresenceChanged board:
                _ownBoard = board;
                _subscribers.Publish(MergeBoard());
                break;
            case MeetingPresenceChanged room:
                _ownRooms[room.MeetingId] = room;
                _subscribers.Publish(MergeRoom(room.MeetingId));
                break;
            default:
                _subscribers.Publish(boardEvent);
                break;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(Channel, EventEnvelope.Write(Instance, boardEvent));
        }
        catch (RedisException e)
        {
            // This instance's people saw it; the others will catch up with their next read. Redis being away is in /health.
            _logger.LogWarning(e, "Could not publish {Event} to Redis", boardEvent.GetType().Name);
        }
    }

    public IDisposable Subscribe(Func<BoardEvent, Task> handler) => _subscribers.Add(handler);

    private void Receive(RedisValue message)
    {
        if (!EventEnvelope.TryRead(message, out var instance, out var boardEvent, _logger) || instance == Instance)
        {
            return;
        }

        var now = _time.GetUtcNow();
        switch (boardEvent)
        {
            case PresenceChanged board:
                _boardPresence[instance] = new(board, now);
                _subscribers.Publish(MergeBoard());
                break;
            case MeetingPresenceChanged room:
                _roomPresence[(instance, room.MeetingId)] = new(room, now);
                _subscribers.Publish(MergeRoom(room.MeetingId));
                break;
            default:
                _subscribers.Publish(boardEvent!);
                break;
        }
    }

    private PresenceChanged MergeBoard()
    {
        var cutoff = _time.GetUtcNow() - ForgetAfter;
        var lists = _boardPresence.Where(p => p.Value.At >= cutoff).Select(p => p.Value.Event.Present).ToList();
        lists.Insert(0, _ownBoard?.Present ?? []);
        return new PresenceChanged(Merge(lists));
    }

    private MeetingPresenceChanged MergeRoom(int meetingId)
    {
        var cutoff = _time.GetUtcNow() - ForgetAfter;
        var lists = _roomPresence.Where(p => p.Key.Meeting == meetingId && p.Value.At >= cutoff).Select(p => p.Value.Event.Present).ToList();
        lists.Insert(0, _ownRooms.TryGetValue(meetingId, out var own) ? own.Present : []);
        return new MeetingPresenceChanged(meetingId, Merge(lists));
    }

    /// <summary>One line per person: someone on two instances (a laptop and a phone) counts once, editing if either is.</summary>
    internal static IReadOnlyList<PresentUser> Merge(IEnumerable<IReadOnlyList<PresentUser>> lists) =>
        lists.SelectMany(l => l).GroupBy(p => p.UserId)
            .Select(g => g.FirstOrDefault(p => p.EditingDealId is not null) ?? g.First())
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();

    /// <summary>Re-announces this instance's presence (so a new or restarted instance learns it) and drops the silent ones.</summary>
    private void Announce()
    {
        try
        {
            var subscriber = _redis.GetSubscriber();
            if (_ownBoard is { } board)
            {
                subscriber.Publish(Channel, EventEnvelope.Write(Instance, board), CommandFlags.FireAndForget);
            }

            foreach (var room in _ownRooms.Values)
            {
                subscriber.Publish(Channel, EventEnvelope.Write(Instance, room), CommandFlags.FireAndForget);
            }

            var cutoff = _time.GetUtcNow() - ForgetAfter;
            var forgotten = _boardPresence.Where(p => p.Value.At < cutoff).Select(p => p.Key).ToList();
            foreach (var instance in forgotten)
            {
                _boardPresence.TryRemove(instance, out _);
            }

            if (forgotten.Count > 0)
            {
                _subscribers.Publish(MergeBoard());
            }

            foreach (var key in _roomPresence.Where(p => p.Value.At < cutoff).Select(p => p.Key).ToList())
            {
                _roomPresence.TryRemove(key, out _);
                _subscribers.Publish(MergeRoom(key.Meeting));
            }
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            _logger.LogDebug(e, "Presence announcement skipped");
        }
    }

    public void Dispose() => _announce.Dispose();

    private sealed record Heard<T>(T Event, DateTimeOffset At);
}

/// <summary>An event on the Redis channel: the sending instance, the event's type name and its JSON.</summary>
internal static class EventEnvelope
{
    private static readonly Dictionary<string, Type> Types = typeof(BoardEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(BoardEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static string Write(string instance, BoardEvent boardEvent) =>
        JsonSerializer.Serialize(new Envelope(instance, boardEvent.GetType().Name, JsonSerializer.SerializeToElement(boardEvent, boardEvent.GetType(), Json)), Json);

    public static bool TryRead(RedisValue message, out string instance, out BoardEvent? boardEvent, ILogger logger)
    {
        instance = "";
        boardEvent = null;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((string)message!, Json);
            if (envelope is null || !Types.TryGetValue(envelope.Type, out var type))
            {
                logger.LogWarning("An event of an unknown kind came over Redis ({Type}); another version of LtcHub?", envelope?.Type);
                return false;
            }

            instance = envelope.Instance;
            boardEvent = (BoardEvent?)envelope.Event.Deserialize(type, Json);
            return boardEvent is not null;
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "An event over Redis could not be read");
            return false;
        }
    }

    private sealed record Envelope(string Instance, string Type, JsonElement Event);
}
