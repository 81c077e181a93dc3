using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelOps.Testing;

/// <summary>
/// A real Azurite (Blob, Queue, Table) from the repository's node_modules, in memory, on free loopback ports; one per
/// test collection. Tests use <see cref="ConnectionString"/> and names from <see cref="UniqueName"/> so they can share it.
/// </summary>
/// <example>
/// xunit wants the collection definition in the test assembly itself:
/// <code>
/// [CollectionDefinition("Azurite")]
/// public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;
///
/// [Collection("Azurite")]
/// public sealed class RegistryTests(AzuriteFixture azurite)
/// {
///     // services.AddModelOpsStorage(o =&gt; o.ConnectionString = azurite.ConnectionString);
///     private readonly string _table = AzuriteFixture.UniqueName("registry");
/// }
/// </code>
/// </example>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static int _names;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private StreamWriter? _log;

    /// <summary>How long start-up may take before the fixture gives up.</summary>
    public static TimeSpan StartTimeout { get; } = TimeSpan.FromSeconds(60);

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>The file Azurite's stdout and stderr go to.</summary>
    public string LogPath { get; } = Path.Combine(Path.GetTempPath(), $"modelops-azurite-{Environment.ProcessId}-{Guid.NewGuid():N}.log");

    /// <summary>A connection string for devstoreaccount1 with this Azurite's explicit endpoints.</summary>
    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;");

    /// <summary>
    /// A name valid for a container, a queue and a table alike (lowercase letters and digits, starting with a letter),
    /// unique within this process and across runs.
    /// </summary>
    public static string UniqueName(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var id = Interlocked.Increment(ref _names);
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{id}x{Guid.NewGuid():N}").ToLowerInvariant();
        return name.Length > 40 ? name[..40] : name;
    }

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryPaths.RepoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}; run 'npm ci --ignore-scripts' in {RepositoryPaths.RepoRoot}.");
        }

        var ports = FreePorts(3);
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            script, "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _log = new StreamWriter(LogPath, append: false) { AutoFlush = true };
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        try
        {
            if (!_process.Start())
            {
                throw new InvalidOperationException("Could not start node for Azurite.");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start 'node' (Node.js 20) for Azurite; is it on PATH? {ex.Message}", ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                // Already gone, or will be reaped by the OS: nothing more a test can do.
            }

            _process.Dispose();
            _process = null;
        }

        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
            _log = null;

            // Started and stopped cleanly: the log has served its purpose (a failed start throws before this, naming it).
            File.Delete(LogPath);
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int[] FreePorts(int count)
    {
        // Hold all listeners at once so the ports differ; Azurite binds them right after.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            _log?.WriteLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process!.HasExited)
                {
                    throw Failure($"Azurite exited with code {_process.ExitCode} before listening on port {port}");
                }

                if (stopwatch.Elapsed > StartTimeout)
                {
                    throw Failure($"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds:0} s");
                }

                using var client = new TcpClient();
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    // Not listening yet: poll again shortly (bounded by StartTimeout above).
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }
        }
    }

    private InvalidOperationException Failure(string what)
    {
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        return new InvalidOperationException($"{what}. Its output is in {LogPath}:{Environment.NewLine}{output}");
    }
}
