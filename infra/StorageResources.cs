using ModelOps.Provisioning.Planning;
using Resources = Pulumi.AzureNative.Resources;
using Storage = Pulumi.AzureNative.Storage;

namespace ModelOps.Infra;

/// <summary>The storage account with its containers, queues and tables.</summary>
internal sealed record StorageResources(Storage.StorageAccount Account)
{
    public static StorageResources Declare(DeploymentPlan plan, Resources.ResourceGroup group)
    {
        var storage = plan.Storage;
        var account = new Storage.StorageAccount("storage", new Storage.StorageAccountArgs
        {
            AccountName = storage.AccountName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Kind = storage.Kind,
            Sku = new Storage.Inputs.SkuArgs { Name = storage.SkuName },
            MinimumTlsVersion = storage.MinimumTlsVersion,
            AllowSharedKeyAccess = storage.AllowSharedKeyAccess,
            AllowBlobPublicAccess = storage.AllowBlobPublicAccess,
            DefaultToOAuthAuthentication = storage.DefaultToOAuthAuthentication,
            EnableHttpsTrafficOnly = true,
            Tags = ModelOpsStack.Tags(plan),
        });

        foreach (var container in storage.Containers)
        {
            _ = new Storage.BlobContainer("container-" + container, new Storage.BlobContainerArgs
            {
                ContainerName = container,
                AccountName = account.Name,
                ResourceGroupName = group.Name,
            });
        }

        foreach (var queue in storage.Queues)
        {
            _ = new Storage.Queue("queue-" + queue, new Storage.QueueArgs
            {
                QueueName = queue,
                AccountName = account.Name,
                ResourceGroupName = group.Name,
            });
        }

        foreach (var table in storage.Tables)
        {
            _ = new Storage.Table("table-" + table, new Storage.TableArgs
            {
                TableName = table,
                AccountName = account.Name,
                ResourceGroupName = group.Name,
            });
        }

        return new StorageResources(account);
    }
}
