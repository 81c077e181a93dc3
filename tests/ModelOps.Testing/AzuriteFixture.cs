using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelOps.Testing;

/// <summary>
/// A real Azurite (Blob, Queue, Table) from the repository's node_modules, in memory, on free loopback ports; one per
/// test collection. Tests use <see cref="ConnectionString"/> and names from <see cref="UniqueName"/> so they can share it.
/// </summary>
/// <remarks>
/// Azurite is started on port 0 and reports the ports the kernel gave it. Picking free ports ahead (a TcpListener on
/// port 0, then passing the numbers) races with the other test processes of this machine doing the same: between the pick
/// and Azurite's bind another fixture can take the port, and a suite can then talk to the other suite's Azurite (one run
/// here lost its table endpoint mid-way that way, most likely).
/// </remarks>
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
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static int _names;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private StreamWriter? _log;

    /// <summary>How long start-up may take before the fixture gives up.</summary>
    public static TimeSpan StartTimeout { get; } = TimeSpan.FromSeconds(60);

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>The file Azurite's stdout and stderr go to (deleted after a clean run, kept when Azurite failed).</summary>
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
    /// <summary>
    /// A storage name prefix of the test's own (lowercase letters and digits, at most 20), for <c>StorageOptions.NamePrefix</c>:
    /// every container and table the adapter uses then belongs to this test.
    /// </summary>
    public static string UniquePrefix()
    {
        var id = Interlocked.Increment(ref _names);
        return string.Create(CultureInfo.InvariantCulture, $"t{id}x{Guid.NewGuid():N}")[..20];
    }

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

        _log = new StreamWriter(LogPath, append: false) { AutoFlush = true };
        StartProcess(script);
        await WaitUntilListeningAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        // Azurite gone before we stop it means it crashed mid-run: keep its log for whoever reads the failed tests.
        var crashed = _process is { HasExited: true };
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
            if (!crashed)
            {
                File.Delete(LogPath);
            }
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at https?://[^:]+:(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();

    private void StartProcess(string script)
    {
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
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(Failure("Azurite exited before listening on all three services"));
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
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                if (_ports.Count == 3)
                {
                    _listening.TrySetResult();
                }
            }
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        try
        {
            await _listening.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Failure($"Azurite did not report listening on all three services within {StartTimeout.TotalSeconds:0} s");
        }

        lock (_output)
        {
            (BlobPort, QueuePort, TablePort) = (_ports["Blob"], _ports["Queue"], _ports["Table"]);
        }

        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                throw Failure($"Azurite reported port {port} but does not accept connections there ({ex.Message})");
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
