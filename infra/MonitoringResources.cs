using ModelOps.Provisioning.Planning;
using Pulumi;
using Insights = Pulumi.AzureNative.ApplicationInsights;
using OperationalInsights = Pulumi.AzureNative.OperationalInsights;
using Resources = Pulumi.AzureNative.Resources;

namespace ModelOps.Infra;

/// <summary>Log Analytics workspace and Application Insights.</summary>
internal sealed record MonitoringResources(OperationalInsights.Workspace Workspace, Insights.Component ApplicationInsights, Output<string> WorkspaceSharedKey)
{
    public static MonitoringResources Declare(DeploymentPlan plan, Resources.ResourceGroup group)
    {
        var monitoring = plan.Monitoring;
        var workspace = new OperationalInsights.Workspace("logs", new OperationalInsights.WorkspaceArgs
        {
            WorkspaceName = monitoring.WorkspaceName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Sku = new OperationalInsights.Inputs.WorkspaceSkuArgs { Name = monitoring.WorkspaceSku },
            RetentionInDays = monitoring.RetentionDays,
            Tags = ModelOpsStack.Tags(plan),
        });

        var component = new Insights.Component("application-insights", new Insights.ComponentArgs
        {
            ResourceName = monitoring.ApplicationInsightsName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Kind = monitoring.Kind,
            ApplicationType = monitoring.ApplicationType,
            WorkspaceResourceId = workspace.Id,
            DisableLocalAuth = monitoring.DisableLocalAuth,
            Tags = ModelOpsStack.Tags(plan),
        });

        // The Container Apps environment ships console logs with the workspace's shared key.
        var sharedKey = OperationalInsights.GetSharedKeys.Invoke(new OperationalInsights.GetSharedKeysInvokeArgs
        {
            ResourceGroupName = group.Name,
            WorkspaceName = workspace.Name,
        }).Apply(keys => keys.PrimarySharedKey ?? throw new InvalidOperationException("The workspace returned no shared key."));

        return new MonitoringResources(workspace, component, Output.CreateSecret(sharedKey));
    }
}
