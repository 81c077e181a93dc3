using System.Globalization;

namespace ModelOps.Provisioning.Configuration;

/// <summary>
/// A stack's config, validated: what <see cref="Planning.DeploymentPlanner"/> needs to decide every resource. Built only by
/// <see cref="Parse"/>, which refuses invalid config with every key at fault named.
/// </summary>
public sealed record StackConfig
{
    /// <summary>Storage redundancy SKUs a stack may choose (all support blobs, queues and tables with Entra ID auth).</summary>
    public static IReadOnlyList<string> StorageSkus { get; } =
        ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"];

    /// <summary>Instance memory sizes of the Flex Consumption plan.</summary>
    public static IReadOnlyList<int> FunctionsInstanceMemorySizes { get; } = [512, 2048, 4096];

    public required string StackName { get; init; }
    public required string Location { get; init; }
    public required string NamePrefix { get; init; }
    public required string StorageSku { get; init; }
    public required int LogRetentionDays { get; init; }
    public required int FunctionsMaximumInstances { get; init; }
    public required int FunctionsInstanceMemoryMB { get; init; }
    public required GpuProfile GpuProfile { get; init; }
    public required string ServingImage { get; init; }
    public required int ServingMinReplicas { get; init; }
    public required int ServingMaxReplicas { get; init; }
    public required int ServingConcurrentRequests { get; init; }
    public required string TrainerImage { get; init; }
    public required int TrainerParallelism { get; init; }
    public required int TrainerTimeoutMinutes { get; init; }
    public required bool KeyVaultPurgeProtection { get; init; }
    public required bool TrainingDataEvents { get; init; }

    /// <summary>
    /// Reads and validates every key of <see cref="StackConfigKeys.All"/>. <paramref name="read"/> returns a key's value,
    /// or null when it is not set (for secret keys any non-null value means "set": the plan never sees secrets).
    /// </summary>
    /// <exception cref="StackConfigException">Some key is missing or invalid; every such key is named.</exception>
    public static StackConfig Parse(string stackName, Func<ConfigKey, string?> read)
    {
        var errors = new List<StackConfigError>();
        string Text(ConfigKey key)
        {
            var value = read(key);
            return string.IsNullOrWhiteSpace(value) ? key.Default ?? "" : value.Trim();
        }

        if (string.IsNullOrEmpty(Naming.ResourceNames.StackToken(stackName)))
        {
            errors.Add(new("stack", $"The stack name '{stackName}' has no letter or digit to build resource names from."));
        }

        foreach (var key in StackConfigKeys.All.Where(k => k.Default is null))
        {
            if (string.IsNullOrWhiteSpace(read(key)))
            {
                var how = key.IsSecret ? $"pulumi config set --secret {key.QualifiedName} <value>" : $"pulumi config set {key.QualifiedName} <value>";
                errors.Add(new(key.QualifiedName, $"is required ({key.Meaning}) Set it with: {how}"));
            }
        }

        var location = Text(StackConfigKeys.Location);
        if (location.Length > 0 && !IsLowercaseToken(location))
        {
            errors.Add(new(StackConfigKeys.Location.QualifiedName,
                $"'{location}' is not an Azure region name: use the programmatic name, lowercase letters and digits (e.g. swedencentral, westus3)."));
        }

        var prefix = Text(StackConfigKeys.NamePrefix);
        if (prefix.Length is < 2 or > 10 || !IsLowercaseToken(prefix))
        {
            errors.Add(new(StackConfigKeys.NamePrefix.QualifiedName,
                $"'{prefix}' must be 2-10 lowercase letters or digits starting with a letter (it starts storage account names, which allow nothing else)."));
        }

        var storageSku = OneOf(StackConfigKeys.StorageSku, StorageSkus);
        var gpuText = Text(StackConfigKeys.GpuProfile);
        var gpu = GpuProfile.Find(gpuText);
        if (gpu is null)
        {
            errors.Add(new(StackConfigKeys.GpuProfile.QualifiedName,
                $"'{gpuText}' is not a serverless GPU profile; use one of: {string.Join(", ", GpuProfile.Known.Select(p => p.WorkloadProfileType))}."));
        }

        var retention = Integer(StackConfigKeys.LogRetentionDays, 30, 730);
        var functionsMax = Integer(StackConfigKeys.FunctionsMaximumInstances, 40, 1000);
        var memory = Integer(StackConfigKeys.FunctionsInstanceMemoryMB, int.MinValue, int.MaxValue);
        if (memory is { } m && !FunctionsInstanceMemorySizes.Contains(m))
        {
            errors.Add(new(StackConfigKeys.FunctionsInstanceMemoryMB.QualifiedName,
                $"{m} is not a Flex Consumption instance size; use one of: {string.Join(", ", FunctionsInstanceMemorySizes)}."));
        }

        var servingImage = Image(StackConfigKeys.ServingImage);
        var minReplicas = Integer(StackConfigKeys.ServingMinReplicas, 0, 1000);
        var maxReplicas = Integer(StackConfigKeys.ServingMaxReplicas, 1, 1000);
        if (minReplicas is { } min && maxReplicas is { } max && max < min)
        {
            errors.Add(new(StackConfigKeys.ServingMaxReplicas.QualifiedName,
                $"{max} is below {StackConfigKeys.ServingMinReplicas.QualifiedName} ({min})."));
        }

        var concurrency = Integer(StackConfigKeys.ServingConcurrentRequests, 1, 1000);
        var trainerImage = Image(StackConfigKeys.TrainerImage);
        var parallelism = Integer(StackConfigKeys.TrainerParallelism, 1, 100);
        var timeout = Integer(StackConfigKeys.TrainerTimeoutMinutes, 1, 1440);
        var purgeProtection = Boolean(StackConfigKeys.KeyVaultPurgeProtection);
        var events = Boolean(StackConfigKeys.TrainingDataEvents);

        if (errors.Count > 0)
        {
            throw new StackConfigException(errors);
        }

        return new StackConfig
        {
            StackName = stackName,
            Location = location,
            NamePrefix = prefix,
            StorageSku = storageSku!,
            LogRetentionDays = retention!.Value,
            FunctionsMaximumInstances = functionsMax!.Value,
            FunctionsInstanceMemoryMB = memory!.Value,
            GpuProfile = gpu!,
            ServingImage = servingImage!,
            ServingMinReplicas = minReplicas!.Value,
            ServingMaxReplicas = maxReplicas!.Value,
            ServingConcurrentRequests = concurrency!.Value,
            TrainerImage = trainerImage!,
            TrainerParallelism = parallelism!.Value,
            TrainerTimeoutMinutes = timeout!.Value,
            KeyVaultPurgeProtection = purgeProtection!.Value,
            TrainingDataEvents = events!.Value,
        };

        int? Integer(ConfigKey key, int minimum, int maximum)
        {
            var text = Text(key);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new(key.QualifiedName, $"'{text}' is not a whole number."));
                return null;
            }

            if (value < minimum || value > maximum)
            {
                errors.Add(new(key.QualifiedName, $"{value} is outside {minimum}-{maximum}."));
                return null;
            }

            return value;
        }

        bool? Boolean(ConfigKey key)
        {
            var text = Text(key);
            if (!bool.TryParse(text, out var value))
            {
                errors.Add(new(key.QualifiedName, $"'{text}' is not true or false."));
                return null;
            }

            return value;
        }

        string? OneOf(ConfigKey key, IReadOnlyList<string> allowed)
        {
            var text = Text(key);
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                errors.Add(new(key.QualifiedName, $"'{text}' is not one of: {string.Join(", ", allowed)}."));
                return null;
            }

            return text;
        }

        string? Image(ConfigKey key)
        {
            var text = Text(key);
            if (text.Any(char.IsWhiteSpace) || text.Contains("://", StringComparison.Ordinal))
            {
                errors.Add(new(key.QualifiedName,
                    $"'{text}' is not an image reference: registry/repository:tag (or @sha256:digest), without spaces or a URL scheme."));
                return null;
            }

            return text;
        }
    }

    private static bool IsLowercaseToken(string text) =>
        text.Length > 0 && text[0] is >= 'a' and <= 'z' && text.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');
}
