namespace ModelOps.Host;

/// <summary>Every log message of the host, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Information, "Demo: configured model {Model} and dropped {Rows} generated rows into its training data; the blob trigger trains it")]
    public static partial void DemoSeeded(ILogger logger, string model, int rows);

    [LoggerMessage(6002, LogLevel.Warning, "Demo: seeding failed; the host keeps serving")]
    public static partial void DemoFailed(ILogger logger, Exception exception);

    [LoggerMessage(6010, LogLevel.Information, "Registry recovery: {Finished} dead registrations finished, {Released} numbers given back, {Orphans} orphan file sets deleted")]
    public static partial void RegistryRecovered(ILogger logger, int finished, int released, int orphans);

    [LoggerMessage(6011, LogLevel.Warning, "Registry recovery failed; trying again at the next interval")]
    public static partial void RegistryRecoveryFailed(ILogger logger, Exception exception);
}
