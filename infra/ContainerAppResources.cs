using ModelOps.Provisioning.Planning;
using Pulumi;
using App = Pulumi.AzureNative.App;
using Resources = Pulumi.AzureNative.Resources;

namespace ModelOps.Infra;

/// <summary>The Container Apps environment with its GPU profile, the GPU serving app and the GPU trainer job.</summary>
internal sealed record ContainerAppResources(App.ManagedEnvironment Environment, App.ContainerApp ServingApp, App.Job TrainerJob, Output<string> ServingAppUrl)
{
    public static ContainerAppResources Declare(DeploymentPlan plan, Resources.ResourceGroup group, MonitoringResources monitoring, AccessResources access, DeployedValues values)
    {
        var environment = new App.ManagedEnvironment("container-apps-environment", new App.ManagedEnvironmentArgs
        {
            EnvironmentName = plan.ContainerApps.EnvironmentName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            AppLogsConfiguration = new App.Inputs.AppLogsConfigurationArgs
            {
                Destination = plan.Monitoring.ContainerLogsDestination,
                LogAnalyticsConfiguration = new App.Inputs.LogAnalyticsConfigurationArgs
                {
                    CustomerId = monitoring.Workspace.CustomerId,
                    SharedKey = monitoring.WorkspaceSharedKey,
                },
            },
            WorkloadProfiles = plan.ContainerApps.WorkloadProfiles
                .Select(p => new App.Inputs.WorkloadProfileArgs { Name = p.Name, WorkloadProfileType = p.WorkloadProfileType })
                .ToList(),
            Tags = ModelOpsStack.Tags(plan),
        });

        var afterRoles = new CustomResourceOptions { DependsOn = access.RoleAssignments.ToList() };

        var serving = plan.Serving;
        var servingApp = new App.ContainerApp("serving", new App.ContainerAppArgs
        {
            ContainerAppName = serving.Name,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            ManagedEnvironmentId = environment.Id,
            WorkloadProfileName = serving.WorkloadProfileName,
            Identity = Identity(access),
            Configuration = new App.Inputs.ConfigurationArgs
            {
                ActiveRevisionsMode = serving.ActiveRevisionsMode,
                Ingress = new App.Inputs.IngressArgs
                {
                    External = serving.ExternalIngress,
                    TargetPort = serving.TargetPort,
                    AllowInsecure = false,
                },
                Registries = { Registry(access) },
                Secrets = serving.Secrets.Select(s => Secret(s, access)).ToList(),
            },
            Template = new App.Inputs.TemplateArgs
            {
                Containers =
                {
                    new App.Inputs.ContainerArgs
                    {
                        Name = serving.ContainerName,
                        Image = serving.Image,
                        Resources = new App.Inputs.ContainerResourcesArgs { Cpu = serving.Cpu, Memory = serving.Memory },
                        Env = serving.Environment.Select(s => Env(s, values)).ToList(),
                        Probes =
                        {
                            Probe("Readiness", serving.ReadinessPath, serving.TargetPort),
                            Probe("Liveness", serving.LivenessPath, serving.TargetPort),
                        },
                    },
                },
                Scale = new App.Inputs.ScaleArgs
                {
                    MinReplicas = serving.MinReplicas,
                    MaxReplicas = serving.MaxReplicas,
                    Rules =
                    {
                        new App.Inputs.ScaleRuleArgs
                        {
                            Name = serving.ScaleRuleName,
                            Http = new App.Inputs.HttpScaleRuleArgs
                            {
                                Metadata = { { "concurrentRequests", serving.ConcurrentRequests.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                            },
                        },
                    },
                },
            },
            Tags = ModelOpsStack.Tags(plan),
        }, afterRoles);

        var trainer = plan.Trainer;
        var trainerJob = new App.Job("trainer", new App.JobArgs
        {
            JobName = trainer.Name,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            EnvironmentId = environment.Id,
            WorkloadProfileName = trainer.WorkloadProfileName,
            Identity = Identity(access),
            Configuration = new App.Inputs.JobConfigurationArgs
            {
                TriggerType = trainer.TriggerType,
                ReplicaTimeout = trainer.ReplicaTimeoutSeconds,
                ReplicaRetryLimit = trainer.ReplicaRetryLimit,
                ManualTriggerConfig = new App.Inputs.JobConfigurationManualTriggerConfigArgs
                {
                    Parallelism = trainer.Parallelism,
                    ReplicaCompletionCount = trainer.ReplicaCompletionCount,
                },
                Registries = { Registry(access) },
            },
            Template = new App.Inputs.JobTemplateArgs
            {
                Containers =
                {
                    new App.Inputs.ContainerArgs
                    {
                        Name = trainer.ContainerName,
                        Image = trainer.Image,
                        Resources = new App.Inputs.ContainerResourcesArgs { Cpu = trainer.Cpu, Memory = trainer.Memory },
                        Env = trainer.Environment.Select(s => Env(s, values)).ToList(),
                    },
                },
            },
            Tags = ModelOpsStack.Tags(plan),
        }, afterRoles);

        var servingUrl = servingApp.Configuration.Apply(c =>
            "https://" + (c?.Ingress?.Fqdn ?? throw new InvalidOperationException("The serving app has no ingress FQDN.")));
        return new ContainerAppResources(environment, servingApp, trainerJob, servingUrl);
    }

    private static App.Inputs.ManagedServiceIdentityArgs Identity(AccessResources access) =>
        new() { Type = App.ManagedServiceIdentityType.UserAssigned, UserAssignedIdentities = { access.Identity.Id } };

    private static App.Inputs.RegistryCredentialsArgs Registry(AccessResources access) =>
        new() { Server = access.Registry.LoginServer, Identity = access.Identity.Id };

    private static App.Inputs.SecretArgs Secret(ContainerSecretPlan secret, AccessResources access) =>
        new() { Name = secret.Name, KeyVaultUrl = secret.KeyVaultSecretUri, Identity = access.Identity.Id };

    private static App.Inputs.EnvironmentVarArgs Env(AppSetting setting, DeployedValues values) =>
        setting.Value.SecretName is { } secret
            ? new App.Inputs.EnvironmentVarArgs { Name = setting.Name, SecretRef = secret }
            : new App.Inputs.EnvironmentVarArgs { Name = setting.Name, Value = values.Resolve(setting.Value) };

    private static App.Inputs.ContainerAppProbeArgs Probe(string type, string path, int port) =>
        new()
        {
            Type = type,
            HttpGet = new App.Inputs.ContainerAppProbeHttpGetArgs { Path = path, Port = port },
        };
}
