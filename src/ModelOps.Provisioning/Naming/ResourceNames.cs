using System.Security.Cryptography;
using System.Text;

namespace ModelOps.Provisioning.Naming;

/// <summary>
/// The name of every resource of one stack. Names read <c>{kind}-{prefix}-{stack}</c>; globally unique ones end with
/// <see cref="UniqueSuffix"/>, a hash of subscription, stack and prefix, so the same stack in the same subscription always
/// gets the same names and two stacks or subscriptions never collide. Where a rule's length forces it, the
/// prefix-and-stack part is shortened, never the kind or the suffix.
/// </summary>
public sealed record ResourceNames
{
    /// <summary>Characters of <see cref="UniqueSuffix"/>.</summary>
    public const int SuffixLength = 6;

    public required string ResourceGroup { get; init; }
    public required string StorageAccount { get; init; }
    public required string LogAnalyticsWorkspace { get; init; }
    public required string ApplicationInsights { get; init; }
    public required string Identity { get; init; }
    public required string KeyVault { get; init; }
    public required string ContainerRegistry { get; init; }
    public required string FunctionsPlan { get; init; }
    public required string FunctionApp { get; init; }
    public required string ContainerAppsEnvironment { get; init; }
    public required string ServingApp { get; init; }
    public required string TrainerJob { get; init; }
    public required string StorageSystemTopic { get; init; }
    public required string TrainingDataSubscription { get; init; }

    /// <summary>Names for <paramref name="prefix"/> (validated config) and stack <paramref name="stackName"/> in that subscription.</summary>
    public static ResourceNames Create(string prefix, string stackName, string subscriptionId)
    {
        var stack = StackToken(stackName);
        var middle = prefix + "-" + stack;
        var compact = prefix + stack.Replace("-", "", StringComparison.Ordinal);
        var suffix = UniqueSuffix(subscriptionId, stackName, prefix);
        var names = new ResourceNames
        {
            ResourceGroup = Compose(NameRules.ResourceGroup, "rg-", middle, ""),
            StorageAccount = Compose(NameRules.StorageAccount, "", compact, suffix),
            LogAnalyticsWorkspace = Compose(NameRules.LogAnalyticsWorkspace, "log-", middle, ""),
            ApplicationInsights = Compose(NameRules.ApplicationInsights, "appi-", middle, ""),
            Identity = Compose(NameRules.UserAssignedIdentity, "id-", middle, ""),
            KeyVault = Compose(NameRules.KeyVault, "kv-", middle, "-" + suffix),
            ContainerRegistry = Compose(NameRules.ContainerRegistry, "cr", compact, suffix),
            FunctionsPlan = Compose(NameRules.AppServicePlan, "plan-", middle, ""),
            FunctionApp = Compose(NameRules.FunctionApp, "func-", middle, "-" + suffix),
            ContainerAppsEnvironment = Compose(NameRules.ContainerAppsEnvironment, "cae-", middle, ""),
            ServingApp = Compose(NameRules.ContainerApp, "ca-", middle, "-serving"),
            TrainerJob = Compose(NameRules.ContainerAppJob, "caj-", middle, "-trainer"),
            StorageSystemTopic = Compose(NameRules.EventGridSystemTopic, "evgt-", middle, "-storage"),
            TrainingDataSubscription = Compose(NameRules.EventGridSubscription, "", "training-data-created", ""),
        };
        return names;
    }

    /// <summary>
    /// The stack name as names use it: lowercase, every run of other characters than letters and digits turned into one
    /// hyphen, no hyphen at either end (<c>Feature_X.1</c> → <c>feature-x-1</c>). Empty when nothing usable remains.
    /// </summary>
    public static string StackToken(string stackName)
    {
        var builder = new StringBuilder(stackName.Length);
        foreach (var c in stackName.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    /// <summary>
    /// Six lowercase letters or digits from SHA-256 of subscription id (case-insensitive), stack name and prefix:
    /// deterministic, so every <c>pulumi up</c> of a stack names the same resources.
    /// </summary>
    public static string UniqueSuffix(string subscriptionId, string stackName, string prefix)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(subscriptionId.ToLowerInvariant() + "/" + stackName + "/" + prefix));
        var value = BitConverter.ToUInt64(hash, 0);
        var chars = new char[SuffixLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }

        return new string(chars);
    }

    /// <summary>Every name with the rule it must satisfy.</summary>
    public IEnumerable<(string Name, NameRule Rule)> WithRules() =>
    [
        (ResourceGroup, NameRules.ResourceGroup), (StorageAccount, NameRules.StorageAccount),
        (LogAnalyticsWorkspace, NameRules.LogAnalyticsWorkspace), (ApplicationInsights, NameRules.ApplicationInsights),
        (Identity, NameRules.UserAssignedIdentity), (KeyVault, NameRules.KeyVault), (ContainerRegistry, NameRules.ContainerRegistry),
        (FunctionsPlan, NameRules.AppServicePlan), (FunctionApp, NameRules.FunctionApp),
        (ContainerAppsEnvironment, NameRules.ContainerAppsEnvironment), (ServingApp, NameRules.ContainerApp),
        (TrainerJob, NameRules.ContainerAppJob), (StorageSystemTopic, NameRules.EventGridSystemTopic),
        (TrainingDataSubscription, NameRules.EventGridSubscription),
    ];

    /// <summary>
    /// <paramref name="head"/> + <paramref name="middle"/> + <paramref name="tail"/>, with characters the rule forbids dropped
    /// from the middle and the middle shortened to fit the rule's length (no hyphen left at its end).
    /// </summary>
    private static string Compose(NameRule rule, string head, string middle, string tail)
    {
        var kept = new string(middle.Where(rule.IsAllowed).ToArray());
        var room = rule.MaxLength - head.Length - tail.Length;
        if (kept.Length > room)
        {
            kept = kept[..room];
        }

        kept = kept.TrimEnd('-');
        var name = head + kept + tail;
        return rule.Validate(name) is { } error
            ? throw new InvalidOperationException("A composed name breaks its rule: " + error)
            : name;
    }
}
