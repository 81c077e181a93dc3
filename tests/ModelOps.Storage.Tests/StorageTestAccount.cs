using ModelOps.Storage.Connection;
using ModelOps.Testing;

namespace ModelOps.Storage.Tests;

/// <summary>A storage account over the fixture's Azurite with a name prefix of the test's own.</summary>
internal static class StorageTestAccount
{
    public static StorageAccount Create(AzuriteFixture azurite, string? prefix = null) =>
        new(StorageConnection.FromConnectionString(azurite.ConnectionString), new StorageOptions { NamePrefix = prefix ?? AzuriteFixture.UniquePrefix() });
}
