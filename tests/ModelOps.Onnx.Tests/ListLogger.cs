using Microsoft.Extensions.Logging;

namespace ModelOps.Onnx.Tests;

/// <summary>An <see cref="ILogger{T}"/> that keeps every entry, for asserting what a component logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
