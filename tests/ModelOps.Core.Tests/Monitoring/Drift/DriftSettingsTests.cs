using ModelOps.Monitoring;
using ModelOps.Monitoring.Drift;

namespace ModelOps.Core.Tests.Monitoring.Drift;

public sealed class DriftSettingsTests
{
    private static readonly DriftSettingsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(Validator.Validate(null, new DriftSettings()).Succeeded);
    }

    [Theory]
    [InlineData("TVD", "not supported")]
    [InlineData("kolmogorov", "Unknown drift method")]
    [InlineData("chisquare", "does not apply to numeric")]
    public void Validate_BadNumericMethod_FailsWithReason(string method, string message)
    {
        var result = Validator.Validate(null, new DriftSettings { Numeric = new KindDriftSettings { Method = method } });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ks", 0.0)]
    [InlineData("ks", 1.0)]
    [InlineData("wasserstein", -0.1)]
    [InlineData("psi", double.PositiveInfinity)]
    public void Validate_ThresholdOutOfRange_Fails(string method, double threshold)
    {
        var result = Validator.Validate(null, new DriftSettings { Numeric = new KindDriftSettings { Method = method, Threshold = threshold } });

        Assert.True(result.Failed);
        Assert.Contains("threshold", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThresholdUnderAuto_Fails()
    {
        var result = Validator.Validate(null, new DriftSettings { Categorical = new KindDriftSettings { Threshold = 0.2 } });

        Assert.True(result.Failed);
        Assert.Contains("needs a named method", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DriftShareAboveOne_Fails()
    {
        Assert.True(Validator.Validate(null, new DriftSettings { DriftShare = 1.5 }).Failed);
    }

    [Fact]
    public void Validate_UnknownThresholdMethod_Fails()
    {
        Assert.True(Validator.Validate(null, new DriftSettings { Thresholds = new Dictionary<string, double> { ["auto"] = 0.1 } }).Failed);
        Assert.True(Validator.Validate(null, new DriftSettings { Thresholds = new Dictionary<string, double> { ["ks"] = 2 } }).Failed);
    }

    [Fact]
    public void Resolve_AutoWithoutOverrides_MethodDefault()
    {
        Assert.Equal((DriftMethod.Ks, 0.05), new DriftSettings().Resolve(ColumnKind.Numeric, DriftMethod.Ks));
        Assert.Equal((DriftMethod.Wasserstein, 0.1), new DriftSettings().Resolve(ColumnKind.Numeric, DriftMethod.Wasserstein));
    }

    [Fact]
    public void Resolve_ThresholdPerMethod_AppliesUnderAuto()
    {
        var settings = new DriftSettings { Thresholds = new Dictionary<string, double> { ["wasserstein"] = 0.3 } };

        Assert.Equal((DriftMethod.Wasserstein, 0.3), settings.Resolve(ColumnKind.Numeric, DriftMethod.Wasserstein));
        Assert.Equal((DriftMethod.Ks, 0.05), settings.Resolve(ColumnKind.Numeric, DriftMethod.Ks));
    }

    [Fact]
    public void Resolve_NamedMethodWithThreshold_OverridesAuto()
    {
        var settings = new DriftSettings { Categorical = new KindDriftSettings { Method = "psi", Threshold = 0.25 } };

        Assert.Equal((DriftMethod.Psi, 0.25), settings.Resolve(ColumnKind.Categorical, DriftMethod.ChiSquare));
        Assert.Equal((DriftMethod.Ks, 0.05), settings.Resolve(ColumnKind.Numeric, DriftMethod.Ks));
    }

    [Theory]
    [InlineData(DriftMethod.Ks, 0.05, 0.05, true)]
    [InlineData(DriftMethod.ChiSquare, 0.05, 0.05, false)]
    [InlineData(DriftMethod.ChiSquare, 0.0499, 0.05, true)]
    [InlineData(DriftMethod.Wasserstein, 0.1, 0.1, true)]
    [InlineData(DriftMethod.EnergyDistance, 0.1, 0.1, false)]
    [InlineData(DriftMethod.JensenShannon, 0.0999, 0.1, false)]
    public void IsDrift_EvidentlyRules_AsDocumented(DriftMethod method, double score, double threshold, bool expected)
    {
        Assert.Equal(expected, DriftMethods.IsDrift(method, score, threshold));
    }
}
