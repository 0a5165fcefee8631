using Hangfire.Logging;

namespace LtcHub.Tests.Support;

/// <summary>
/// Hangfire's log provider is one static for the whole process, and each app host that starts points it
/// at its own logger factory. Tests run many hosts side by side and dispose them in any order, so a job
/// triggered in one could log through another's disposed factory. Each test host points it here after
/// starting; Hangfire's own log lines are not what the tests check.
/// </summary>
internal sealed class QuietHangfireLog : ILogProvider
{
    public static readonly QuietHangfireLog Instance = new();

    public ILog GetLogger(string name) => Quiet.Instance;

    private sealed class Quiet : ILog
    {
        public static readonly Quiet Instance = new();

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
