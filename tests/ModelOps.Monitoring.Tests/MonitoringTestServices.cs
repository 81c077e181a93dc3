using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Settings;
using ModelOps.Storage;
using ModelOps.Storage.Connection;
using ModelOps.Storage.Monitoring;
using ModelOps.Testing;

namespace ModelOps.Monitoring.Tests;

/// <summary>Monitoring's pieces over a storage account of the test's own in the fixture's Azurite.</summary>
internal sealed class MonitoringTestServices
{
    public MonitoringTestServices(AzuriteFixture azurite, TimeProvider? time = null, Action<MonitoringOptions>? configure = null)
    {
        Account = new StorageAccount(StorageConnection.FromConnectionString(azurite.ConnectionString), new StorageOptions { NamePrefix = AzuriteFixture.UniquePrefix() });
        var options = new MonitoringOptions();
        configure?.Invoke(options);
        Options = Microsoft.Extensions.Options.Options.Create(options);
        Time = time ?? TimeProvider.System;
        Captures = new BlobCaptureStore(Account);
        SettingsStore = new TableMonitoringSettingsStore(Account);
        Settings = new MonitoringSettingsService(SettingsStore, Time, Options);
    }

    public StorageAccount Account { get; }

    public IOptions<MonitoringOptions> Options { get; }

    public TimeProvider Time { get; }

    public BlobCaptureStore Captures { get; }

    public TableMonitoringSettingsStore SettingsStore { get; }

    public MonitoringSettingsService Settings { get; }

    public TrafficCapture Capture(ICaptureStore? store = null) =>
        new(store ?? Captures, Settings, Options, Time, NullLogger<TrafficCapture>.Instance);
}
