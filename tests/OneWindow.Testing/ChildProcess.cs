using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OneWindow.Testing;

/// <summary>
/// A real child process of a test (an emulator, a host): output captured, paused with SIGSTOP and resumed
/// with SIGCONT to simulate an outage, killed with SIGKILL on dispose (even while paused).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SIGKILL = 9;
    private const int SIGCONT = 18;
    private const int SIGSTOP = 19;
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly Action<string>? observer;

    private ChildProcess(Process process, string name, Action<string>? observer)
    {
        this.process = process;
        Name = name;
        this.observer = observer;
    }

    /// <summary>A short name used in diagnostics.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts a process with the given environment additions; output lines are kept for diagnostics (the last 2000), and
    /// every line is handed to <paramref name="observer"/> as it arrives (for tests that read a whole run's log).
    /// </summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment = null, Action<string>? observer = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name, observer);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}: {fileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Starts a Node.js CLI script that exits when this test process is gone (no orphans).</summary>
    public static ChildProcess StartNode(string name, string script, IEnumerable<string> arguments)
    {
        var watchdog = RepositoryPaths.Combine("scripts", "lib", "exit-with-parent.js");
        var args = new List<string> { watchdog, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), script };
        args.AddRange(arguments);
        return Start(name, "node", args, RepositoryPaths.Root);
    }

    /// <summary>The last lines the process printed.</summary>
    public string Tail(int lines = 60)
    {
        var all = output.ToArray();
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>True when any printed line contains the text.</summary>
    public bool Printed(string text) => output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits until a printed line contains the text.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Printed(text))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before printing '{text}'.\n{Tail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not print '{text}' within {timeout}.\n{Tail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Freezes the process (SIGSTOP): it keeps its state and sockets but answers nothing.</summary>
    public void Pause() => Signal(SIGSTOP);

    /// <summary>Thaws a paused process (SIGCONT).</summary>
    public void Resume() => Signal(SIGCONT);

    /// <summary>Kills the process at once (SIGKILL), like a crash: nothing is flushed or released.</summary>
    public async Task KillHardAsync()
    {
        if (!process.HasExited)
        {
            Signal(SIGKILL);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits for it; kills it when it does not stop in time.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        Signal(15);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Signal(SIGKILL);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                // One SIGKILL, never Kill(entireProcessTree): on Unix that first SIGSTOPs the process, and a test host
                // ending between its two signals (shared stacks are disposed at process exit) leaves the emulator frozen,
                // where even its exit-with-parent watchdog cannot run. Our children start no children of their own.
                Signal(SIGKILL);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        observer?.Invoke(line);
        output.Enqueue(line);
        while (output.Count > 2000 && output.TryDequeue(out _))
        {
        }
    }

    private void Signal(int signal)
    {
        // ESRCH: the process ended on its own between the check and the signal, which is what the signal was for.
        const int NoSuchProcess = 3;
        if (NativeMethods.kill(process.Id, signal) != 0 && Marshal.GetLastPInvokeError() != NoSuchProcess)
        {
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);
    }
}
