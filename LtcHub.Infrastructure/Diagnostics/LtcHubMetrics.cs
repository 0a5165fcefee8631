using System.Diagnostics;
using System.Diagnostics.Metrics;
using LtcHub.Infrastructure.Events;

namespace LtcHub.Infrastructure.Diagnostics;

/// <summary>
/// LtcHub's own instruments (meter <c>LtcHub</c>, exported at <c>/metrics</c>): circuits open on this instance, deal
/// moves, how long an event takes from publication to each open view having applied it, and the jobs' durations and
/// failures. Per instance; Prometheus sums the instances.
/// </summary>
public sealed class LtcHubMetrics
{
    public const string MeterName = "LtcHub";

    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    };

    private readonly Counter<long> _moves;
    private readonly Histogram<double> _fanOut;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _jobFailures;
    private long _circuits;

    public LtcHubMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _moves = meter.CreateCounter<long>("ltchub.board.moves", "{move}", "Deals moved from one stage to another (by people, the API or the system)");
        _fanOut = meter.CreateHistogram("ltchub.events.fanout.duration", "s",
            "From an event's publication on this instance to one subscriber (an open board, a bell, the shared board) having applied it", advice: Seconds);
        _jobDuration = meter.CreateHistogram("ltchub.jobs.duration", "s", "How long a background job ran", advice: Seconds);
        _jobFailures = meter.CreateCounter<long>("ltchub.jobs.failures", "{failure}", "Background job runs that ended in an exception");
        meter.CreateObservableUpDownCounter("ltchub.circuits.open", () => Volatile.Read(ref _circuits), "{circuit}", "Interactive sessions (circuits) open on this instance");
    }

    public void CircuitOpened() => Interlocked.Increment(ref _circuits);

    public void CircuitClosed() => Interlocked.Decrement(ref _circuits);

    /// <summary>An event was published here (not one heard from another instance).</summary>
    public void Published(BoardEvent boardEvent)
    {
        if (boardEvent is DealMoved)
        {
            _moves.Add(1);
        }
    }

    /// <summary>One subscriber applied an item published at <paramref name="publishedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Delivered(string channel, long publishedAt) =>
        _fanOut.Record(Stopwatch.GetElapsedTime(publishedAt).TotalSeconds, new KeyValuePair<string, object?>("channel", channel));

    public void JobRan(string job, TimeSpan duration, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("job", job);
        _jobDuration.Record(duration.TotalSeconds, tag);
        if (failed)
        {
            _jobFailures.Add(1, tag);
        }
    }
}
