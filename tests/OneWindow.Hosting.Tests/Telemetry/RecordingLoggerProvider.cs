using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Tests.Telemetry;

/// <summary>One entry as a provider received it.</summary>
public sealed record RecordedEntry(string Category, LogLevel Level, EventId EventId, object? State, IReadOnlyList<KeyValuePair<string, object?>> Values, string Message, Exception? Exception, IReadOnlyList<object?> Scopes, Delegate Formatter)
{
    public object? Value(string key) => Values.Single(v => v.Key == key).Value;
}

/// <summary>A provider that records what reaches it, with the factory's scopes (it takes them externally, as the console does).</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? scopes;

    public ConcurrentQueue<RecordedEntry> Entries { get; } = new();

    public bool Disposed { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() => Disposed = true;

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            provider.scopes?.ForEachScope((scope, list) => list.Add(scope), scopes);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            provider.Entries.Enqueue(new RecordedEntry(category, logLevel, eventId, state, [.. values], formatter(state, exception), exception, scopes, formatter));
        }
    }
}

/// <summary>A provider whose loggers do nothing and allocate nothing (for the allocation test).</summary>
public sealed class SilentLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => SilentLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class SilentLogger : ILogger
    {
        public static readonly SilentLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
