using Xunit.Abstractions;

namespace ModelOps.Provisioning.Tests.ProviderCheck;

[Collection(ProviderCollection.Name)]
public sealed class ProgramCheckerTests(ProviderFixture provider, ITestOutputHelper output)
{
    private const string Usings = """
        using Pulumi;
        using App = Pulumi.AzureNative.App;
        using Storage = Pulumi.AzureNative.Storage;
        using Web = Pulumi.AzureNative.Web;

        """;

    [Fact]
    public void Load_ProviderPackage_IsTheVersionTheProgramReferences()
    {
        Assert.Equal(ProviderFixture.ExpectedVersion, provider.Schema.Version);
    }

    [Fact]
    public void Check_InfraProgram_FindsNothingMissing()
    {
        var result = CheckInfra(file => file);

        output.WriteLine($"{result.ResourceTokens.Count} resource types, {result.PropertiesChecked} properties, {result.MembersChecked} outputs/enum members/functions checked");
        Assert.True(result.Findings.Count == 0, "The Pulumi program uses what the provider lacks:\n" + string.Join('\n', result.Findings));
        string[] expected =
        [
            "azure-native:resources:ResourceGroup", "azure-native:storage:StorageAccount", "azure-native:storage:BlobContainer",
            "azure-native:storage:Queue", "azure-native:storage:Table", "azure-native:operationalinsights:Workspace",
            "azure-native:applicationinsights:Component", "azure-native:managedidentity:UserAssignedIdentity",
            "azure-native:keyvault:Vault", "azure-native:keyvault:Secret", "azure-native:containerregistry:Registry",
            "azure-native:authorization:RoleAssignment", "azure-native:app:ManagedEnvironment", "azure-native:app:ContainerApp",
            "azure-native:app:Job", "azure-native:web:AppServicePlan", "azure-native:web:WebApp", "azure-native:eventgrid:SystemTopic",
            "azure-native:eventgrid:SystemTopicEventSubscription",
        ];
        Assert.Empty(expected.Except(result.ResourceTokens));
        Assert.True(result.PropertiesChecked > 150, $"only {result.PropertiesChecked} properties were checked");
        Assert.True(result.MembersChecked > 30, $"only {result.MembersChecked} outputs, enum members and functions were checked");
    }

    [Fact]
    public void Check_WrongPropertyPlantedInTheProgram_NamesFileAndLine()
    {
        var result = CheckInfra(file => Path.GetFileName(file.Path) == "FunctionAppResources.cs"
            ? (file.Path, file.Source.Replace("HttpsOnly = functions.HttpsOnly", "HttpOnly = functions.HttpsOnly", StringComparison.Ordinal))
            : file);

        var finding = Assert.Single(result.Findings);
        var expectedLine = File.ReadAllLines(Path.Combine(RepositoryPaths.Infra, "FunctionAppResources.cs"))
            .Select((line, index) => (line, index)).Single(l => l.line.Contains("HttpsOnly = functions.HttpsOnly", StringComparison.Ordinal)).index + 1;
        Assert.Equal("FunctionAppResources.cs", Path.GetFileName(finding.File));
        Assert.Equal(expectedLine, finding.Line);
        Assert.Contains("web.WebAppArgs has no property 'httpOnly'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownPropertyOnResourceArgs_ReportsFileLineAndName()
    {
        var finding = Assert.Single(Check("""
            var app = new App.ContainerApp("a", new App.ContainerAppArgs
            {
                ResourceGroupName = "rg",
                WorkloadProfile = "gpu",
            });
            """));

        Assert.Equal("planted.cs", finding.File);
        Assert.Equal(8, finding.Line);
        Assert.Contains("app.ContainerAppArgs has no property 'workloadProfile'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownResource_Reported()
    {
        var finding = Assert.Single(Check("""var app = new App.ContainerApplication("a", new App.ContainerAppArgs { ResourceGroupName = "rg" });"""));

        Assert.Contains("no resource or args type ContainerApplication in module 'app'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownInputType_Reported()
    {
        var finding = Assert.Single(Check("""var x = new App.Inputs.GpuSettingsArgs { Count = 1 };"""));

        Assert.Contains("no input type app.GpuSettingsArgs", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InputTypeOfAnotherProperty_Reported()
    {
        var finding = Assert.Single(Check("""
            var app = new App.ContainerApp("a", new App.ContainerAppArgs
            {
                ResourceGroupName = "rg",
                Configuration = new App.Inputs.IngressArgs { External = true },
            });
            """));

        Assert.Equal(8, finding.Line);
        Assert.Contains("'configuration' of app.ContainerAppArgs takes app.ConfigurationArgs, not app.IngressArgs", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WrongPropertyInsideTargetTypedNestedInitializers_Reported()
    {
        var finding = Assert.Single(Check("""
            var app = new App.ContainerApp("a", new()
            {
                ResourceGroupName = "rg",
                Template = new()
                {
                    Containers = { new() { Name = "host", Imag = "x" } },
                },
            });
            """));

        Assert.Equal(10, finding.Line);
        Assert.Contains("app.ContainerArgs has no property 'imag'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RequiredPropertyMissing_Reported()
    {
        var finding = Assert.Single(Check("""
            var storage = new Storage.StorageAccount("s", new Storage.StorageAccountArgs
            {
                ResourceGroupName = "rg",
                Kind = "StorageV2",
                Sku = new Storage.Inputs.SkuArgs(),
            });
            """));

        Assert.Contains("storage.SkuArgs requires 'name'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownEnumMember_Reported()
    {
        var finding = Assert.Single(Check("""var type = App.ManagedServiceIdentityType.UserAssign;"""));

        Assert.Contains("enum app.ManagedServiceIdentityType has no member UserAssign", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownResourceOutput_Reported()
    {
        var findings = Check("""
            var plan = new Web.AppServicePlan("p", new Web.AppServicePlanArgs { ResourceGroupName = "rg" });
            var host = plan.DefaultHostName;
            """);

        var finding = Assert.Single(findings);
        Assert.Equal(6, finding.Line);
        Assert.Contains("azure-native:web:AppServicePlan has no output 'defaultHostName'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownPropertyReadInsideApply_Reported()
    {
        var finding = Assert.Single(Check("""
            var app = new App.ContainerApp("a", new App.ContainerAppArgs { ResourceGroupName = "rg" });
            var url = app.Configuration.Apply(c => c?.Ingres?.Fqdn);
            """));

        Assert.Contains("app.ConfigurationResponse has no property 'ingres'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownInvokeResultProperty_Reported()
    {
        var finding = Assert.Single(Check("""
            var keys = Web.ListWebAppHostKeys.Invoke(new Web.ListWebAppHostKeysInvokeArgs { Name = "f", ResourceGroupName = "rg" })
                .Apply(k => k.SystemKey);
            """));

        Assert.Contains("web.ListWebAppHostKeysResult has no property 'systemKey'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ImportOfProviderNamespaceWithoutAlias_Reported()
    {
        var findings = new ProgramChecker(provider.Schema).Check([("planted.cs", "using Pulumi.AzureNative.App;\nvar x = 1;\n")]).Findings;

        Assert.Contains("use an alias", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CorrectSnippet_FindsNothing()
    {
        var findings = Check("""
            var app = new App.ContainerApp("a", new App.ContainerAppArgs
            {
                ResourceGroupName = "rg",
                Identity = new App.Inputs.ManagedServiceIdentityArgs { Type = App.ManagedServiceIdentityType.UserAssigned },
                Template = new App.Inputs.TemplateArgs
                {
                    Containers = { new App.Inputs.ContainerArgs { Name = "host", Image = "x" } },
                    Scale = new() { MinReplicas = 0, MaxReplicas = 1 },
                },
            });
            var url = app.Configuration.Apply(c => c?.Ingress?.Fqdn);
            """);

        Assert.Empty(findings);
    }

    private IReadOnlyList<ProgramFinding> Check(string body) =>
        new ProgramChecker(provider.Schema).Check([("planted.cs", Usings + body)]).Findings;

    private ProgramCheckResult CheckInfra(Func<(string Path, string Source), (string Path, string Source)> edit)
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Infra, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                        !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => edit((f, File.ReadAllText(f))))
            .ToList();
        Assert.NotEmpty(files);
        return new ProgramChecker(provider.Schema).Check(files);
    }
}
