using ModelOps.Provisioning.Configuration;

namespace ModelOps.Provisioning.Tests.Configuration;

public sealed class StackConfigTests
{
    [Fact]
    public void Parse_OnlyRequiredKeys_TakesEveryDefault()
    {
        var config = new StackConfigBuilder().Parse();

        Assert.Equal("swedencentral", config.Location);
        Assert.Equal("modelops", config.NamePrefix);
        Assert.Equal("Standard_LRS", config.StorageSku);
        Assert.Same(GpuProfile.T4, config.GpuProfile);
        Assert.Equal(0, config.ServingMinReplicas);
        Assert.Equal(1, config.ServingMaxReplicas);
        Assert.Equal(100, config.FunctionsMaximumInstances);
        Assert.Equal(2048, config.FunctionsInstanceMemoryMB);
        Assert.Equal(120, config.TrainerTimeoutMinutes);
        Assert.False(config.TrainingDataEvents);
        Assert.False(config.KeyVaultPurgeProtection);
    }

    [Fact]
    public void Parse_EveryKeyGiven_ReadsThem()
    {
        var config = new StackConfigBuilder()
            .With("namePrefix", "mlops2")
            .With("gpuProfile", "Consumption-GPU-NC24-A100")
            .With("servingMinReplicas", "1")
            .With("servingMaxReplicas", "3")
            .With("functionsInstanceMemoryMB", "4096")
            .With("trainingDataEvents", "true")
            .Parse();

        Assert.Equal("mlops2", config.NamePrefix);
        Assert.Same(GpuProfile.A100, config.GpuProfile);
        Assert.Equal((1, 3), (config.ServingMinReplicas, config.ServingMaxReplicas));
        Assert.Equal(4096, config.FunctionsInstanceMemoryMB);
        Assert.True(config.TrainingDataEvents);
    }

    [Theory]
    [InlineData("ModelOps", "lowercase")]
    [InlineData("modelopsplatform", "2-10")]
    [InlineData("m", "2-10")]
    [InlineData("9ops", "starting with a letter")]
    [InlineData("model-ops", "lowercase letters or digits")]
    public void Parse_BadNamePrefix_RefusedNamingTheKey(string prefix, string reason)
    {
        var error = Assert.Single(new StackConfigBuilder().With("namePrefix", prefix).Refused().Errors);

        Assert.Equal("modelops:namePrefix", error.Key);
        Assert.Contains(prefix, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownGpuProfile_RefusedListingTheKnownOnes()
    {
        var error = Assert.Single(new StackConfigBuilder().With("gpuProfile", "Consumption-GPU-NC96-H100").Refused().Errors);

        Assert.Equal("modelops:gpuProfile", error.Key);
        Assert.Contains("Consumption-GPU-NC8as-T4, Consumption-GPU-NC24-A100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaxReplicasBelowMin_RefusedNamingBothKeys()
    {
        var error = Assert.Single(new StackConfigBuilder().With("servingMinReplicas", "3").With("servingMaxReplicas", "2").Refused().Errors);

        Assert.Equal("modelops:servingMaxReplicas", error.Key);
        Assert.Contains("modelops:servingMinReplicas (3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingLocation_RefusedSayingHowToSetIt()
    {
        var error = Assert.Single(new StackConfigBuilder().With("location", null).Refused().Errors);

        Assert.Equal("modelops:location", error.Key);
        Assert.Contains("pulumi config set modelops:location", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingKey_RefusedSayingToSetItAsSecret()
    {
        var error = Assert.Single(new StackConfigBuilder().With("adminKey", null).Refused().Errors);

        Assert.Equal("modelops:adminKey", error.Key);
        Assert.Contains("pulumi config set --secret modelops:adminKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("location", "West Europe", "not an Azure region name")]
    [InlineData("storageSku", "Premium_LRS", "not one of")]
    [InlineData("logRetentionDays", "7", "outside 30-730")]
    [InlineData("functionsMaximumInstances", "10", "outside 40-1000")]
    [InlineData("functionsInstanceMemoryMB", "1024", "512, 2048, 4096")]
    [InlineData("servingConcurrentRequests", "ten", "not a whole number")]
    [InlineData("trainerTimeoutMinutes", "0", "outside 1-1440")]
    [InlineData("keyVaultPurgeProtection", "yes", "not true or false")]
    [InlineData("servingImage", "https://registry/image:1", "not an image reference")]
    public void Parse_InvalidValue_RefusedNamingTheKey(string key, string value, string reason)
    {
        var error = Assert.Single(new StackConfigBuilder().With(key, value).Refused().Errors);

        Assert.Equal("modelops:" + key, error.Key);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralBadKeys_NamesEveryOneInTheMessage()
    {
        var refused = new StackConfigBuilder().With("location", null).With("namePrefix", "BAD").With("servingMaxReplicas", "0").Refused();

        Assert.Equal(["modelops:location", "modelops:namePrefix", "modelops:servingMaxReplicas"], refused.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("modelops:namePrefix", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StackNameWithoutLettersOrDigits_Refused()
    {
        var error = Assert.Single(new StackConfigBuilder { StackName = "__" }.Refused().Errors);

        Assert.Equal("stack", error.Key);
    }
}
