using Microsoft.Extensions.Logging;

namespace ModelOps.Workflows.Tests.Support;

/// <summary>Appends log lines to a file (set MODELOPS_TEST_LOG to a path to diagnose a runner test).</summary>
public sealed class FileLoggerProvider(string path, string hostName) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, hostName, categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string hostName, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {hostName} {logLevel} {category}: {formatter(state, exception)} {exception}{Environment.NewLine}";
            lock (Gate)
            {
                File.AppendAllText(path, line);
            }
        }
    }
}
