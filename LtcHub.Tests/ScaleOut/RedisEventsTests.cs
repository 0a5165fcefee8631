using System.Text.Json;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace LtcHub.Tests.ScaleOut;

/// <summary>The bus between instances on a real redis-server: what one instance publishes, every other delivers once.</summary>
[Trait("Category", "Redis")]
public class RedisEventsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly DealCard Card = new(7, "云迁移项目 Cloud move", 3, "中科", "Zhongke", 250_000m, "CNY", "u-1", "王芳", 2, "proposal",
        new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), "Call back", new DateOnly(2026, 12, 3), new DateOnly(2027, 1, 15), 40, 5,
        DunningLevel: 2, PlanLines: 3, PlanPaidLines: 1, PlanCollected: 10m, ContractAmount: 30m, LastFollowUpAtUtc: new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc));

    public static TheoryData<string> Samples() => new(SampleEvents().Select(e => e.GetType().Name));

    private static IEnumerable<BoardEvent> SampleEvents() =>
    [
        new DealMoved(Card, "qualified", "u-2", "李雷"),
        new DealEdited(Card, "u-2", "李雷"),
        new PresenceChanged([new PresentUser("u-1", "王芳", 7), new PresentUser("u-2", "Li Lei", null)]),
        new MeetingPresenceChanged(4, [new PresentUser("u-3", "Ops", null)]),
        new DunningLevelsReached(new Dictionary<int, int> { [7] = 2 }, [new InvoiceLevel(11, 2, 9)]),
        new InvoiceChanged(7, 11, "Finance", InvoiceChange.PaymentRecorded),
        new NotificationsChanged("u-1", "发票 INV-2026-0011 逾期 9 天"),
        new SessionsEnded("u-1", ["s-1", "s-2"]),
        new ImportProgressed(5, "u-1", LtcHub.Infrastructure.Imports.ImportStatus.Running, 40, 100),
        new MeetingChanged(4, "Facilitator"),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void AnEvent_ReadsBackAsItWasWritten(string kind)
    {
        var sent = SampleEvents().Single(e => e.GetType().Name == kind);

        Assert.True(EventEnvelope.TryRead(EventEnvelope.Write("a", sent), out var instance, out var read, NullLogger.Instance));

        Assert.Equal("a", instance);
        Assert.IsType(sent.GetType(), read);
        Assert.Equal(JsonSerializer.Serialize(sent, sent.GetType()), JsonSerializer.Serialize(read, sent.GetType()));
    }

    [Fact]
    public void AMessageOfAnUnknownKind_IsDropped()
    {
        Assert.False(EventEnvelope.TryRead("{\"Instance\":\"b\",\"Type\":\"DealTeleported\",\"Event\":{}}", out _, out _, NullLogger.Instance));
        Assert.False(EventEnvelope.TryRead("not json", out _, out _, NullLogger.Instance));
    }

    [Fact]
    public async Task AMoveOnOneInstance_IsDeliveredOnceOnEach()
    {
        await using var a = await BusAsync();
        await using var b = await BusAsync();
        var onA = Collect(a.Bus);
        var onB = Collect(b.Bus);

        var moved = new DealMoved(Card, "qualified", "u-2", "李雷");
        await a.Bus.PublishAsync(moved);

        var received = await WaitForAsync(onB, e => e is DealMoved);
        Assert.Equal(moved, received);
        await Task.Delay(300);
        Assert.Single(onA, e => e is DealMoved);                   // its own, at once, and not again off the channel
        Assert.Single(onB, e => e is DealMoved);
    }

    [Fact]
    public async Task Presence_IsEveryonesOnEveryInstance_AndAStoppedInstanceIsForgotten()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await BusAsync(clock);
        await using var b = await BusAsync(clock);
        var onA = Collect(a.Bus);

        await a.Bus.PublishAsync(new PresenceChanged([new PresentUser("u-1", "王芳", null)]));
        await b.Bus.PublishAsync(new PresenceChanged([new PresentUser("u-2", "Li Lei", 7), new PresentUser("u-1", "王芳", 9)]));

        var both = (PresenceChanged)await WaitForAsync(onA, e => e is PresenceChanged p && p.Present.Count == 2);
        Assert.Equal(["Li Lei", "王芳"], both.Present.Select(p => p.DisplayName));
        Assert.Equal(9, both.Present.Single(p => p.UserId == "u-1").EditingDealId);   // on two devices: once, editing

        // B stops announcing (it stopped); after a while A forgets its people.
        await b.DisposeAsync();
        clock.Advance(RedisBoardEvents.ForgetAfter + TimeSpan.FromSeconds(1));
        await a.Bus.PublishAsync(new PresenceChanged([new PresentUser("u-1", "王芳", null)]));
        var alone = (PresenceChanged)onA.Last(e => e is PresenceChanged);
        Assert.Equal(["u-1"], alone.Present.Select(p => p.UserId));
    }

    [Fact]
    public async Task WhileRedisIsAway_ThisInstanceStillHearsItself_AndAfterwardsTheOthersAgain()
    {
        var server = new RedisServer();
        await server.StartAsync();
        try
        {
            await using var a = await BusAsync(connection: server.ConnectionString);
            await using var b = await BusAsync(connection: server.ConnectionString);
            var onA = Collect(a.Bus);
            var onB = Collect(b.Bus);

            server.Stop();
            await a.Bus.PublishAsync(new MeetingChanged(1, "away"));
            Assert.Single(onA, e => e is MeetingChanged { MeetingId: 1 });

            // The same port again: both clients reconnect and resubscribe by themselves.
            await RestartOnSamePortAsync(server);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!onB.Any(e => e is MeetingChanged { MeetingId: 2 }) && DateTime.UtcNow < deadline)
            {
                await a.Bus.PublishAsync(new MeetingChanged(2, "back"));
                await Task.Delay(500);
            }

            Assert.Contains(onB, e => e is MeetingChanged { MeetingId: 2 });
            Assert.DoesNotContain(onB, e => e is MeetingChanged { MeetingId: 1 });
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task RestartOnSamePortAsync(RedisServer server) => await server.StartAsync();

    private async Task<Node> BusAsync(TimeProvider? time = null, string? connection = null)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(connection ?? redis.ConnectionString);
        var bus = new RedisBoardEvents(multiplexer, NullLogger<RedisBoardEvents>.Instance, time ?? TimeProvider.System);
        await Task.Delay(100);      // the subscription is in place on the server
        return new Node(bus, multiplexer);
    }

    private static List<BoardEvent> Collect(IBoardEvents bus)
    {
        var seen = new List<BoardEvent>();
        bus.Subscribe(e =>
        {
            lock (seen)
            {
                seen.Add(e);
            }

            return Task.CompletedTask;
        });
        return seen;
    }

    private static async Task<BoardEvent> WaitForAsync(List<BoardEvent> seen, Func<BoardEvent, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            lock (seen)
            {
                if (seen.LastOrDefault(match) is { } found)
                {
                    return found;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the event did not arrive");
    }

    private sealed record Node(RedisBoardEvents Bus, IConnectionMultiplexer Connection) : IAsyncDisposable
    {
        private bool _disposed;

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Bus.Dispose();
            await Connection.DisposeAsync();
        }
    }
}
