using ModelOps.Monitoring;
using ModelOps.Monitoring.Drift;

namespace ModelOps.Core.Tests.Monitoring.Drift;

public sealed class DriftMethodSelectorTests
{
    [Theory]
    [InlineData(ColumnKind.Numeric, 1000, 6, DriftMethod.Ks)]
    [InlineData(ColumnKind.Numeric, 1000, 5, DriftMethod.ChiSquare)]
    [InlineData(ColumnKind.Numeric, 1000, 3, DriftMethod.ChiSquare)]
    [InlineData(ColumnKind.Numeric, 1000, 2, DriftMethod.Z)]
    [InlineData(ColumnKind.Numeric, 10, 1, DriftMethod.Z)]
    [InlineData(ColumnKind.Categorical, 1000, 3, DriftMethod.ChiSquare)]
    [InlineData(ColumnKind.Categorical, 1000, 2, DriftMethod.Z)]
    [InlineData(ColumnKind.Numeric, 1001, 6, DriftMethod.Wasserstein)]
    [InlineData(ColumnKind.Numeric, 1001, 5, DriftMethod.JensenShannon)]
    [InlineData(ColumnKind.Categorical, 1001, 2, DriftMethod.JensenShannon)]
    [InlineData(ColumnKind.Categorical, 1_000_000, long.MaxValue, DriftMethod.JensenShannon)]
    public void Select_EvidentlyTable_ChoosesItsMethod(ColumnKind kind, long referenceRows, long distinct, DriftMethod expected)
    {
        Assert.Equal(expected, DriftMethodSelector.Select(kind, referenceRows, distinct));
    }

    [Fact]
    public void Select_CustomBoundary_MovesTheSmallReferenceLimit()
    {
        Assert.Equal(DriftMethod.Wasserstein, DriftMethodSelector.Select(ColumnKind.Numeric, 600, 100, smallReferenceRows: 500));
        Assert.Equal(DriftMethod.Ks, DriftMethodSelector.Select(ColumnKind.Numeric, 500, 100, smallReferenceRows: 500));
    }
}
