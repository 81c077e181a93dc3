using ModelOps.Evaluation;

namespace ModelOps.Core.Tests.Evaluation;

/// <summary>
/// Expected numbers come from scikit-learn 1.2.1 via <c>sklearn_reference.py</c> in this folder (same inputs).
/// </summary>
public sealed class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    private static void AssertMetrics(MetricSet actual, double accuracy, double precision, double recall, double f1, double auc, double prAuc, double logLoss)
    {
        Assert.Equal(accuracy, actual[MetricNames.Accuracy], Tolerance);
        Assert.Equal(precision, actual[MetricNames.Precision], Tolerance);
        Assert.Equal(recall, actual[MetricNames.Recall], Tolerance);
        Assert.Equal(f1, actual[MetricNames.F1], Tolerance);
        Assert.Equal(auc, actual[MetricNames.Auc], Tolerance);
        Assert.Equal(prAuc, actual[MetricNames.PrAuc], Tolerance);
        Assert.Equal(logLoss, actual[MetricNames.LogLoss], Tolerance);
    }

    private static double[][] Binary(params double[] positiveProbabilities) =>
        positiveProbabilities.Select(p => new[] { 1 - p, p }).ToArray();

    [Fact]
    public void Compute_BinaryWithTiedScores_MatchesScikitLearn()
    {
        string[] labels = ["0", "1", "0", "1", "1", "0", "1", "0", "1", "0", "1", "1"];
        double[][] probabilities =
        [
            [0.9, 0.1], [0.65, 0.35], [0.65, 0.35], [0.4, 0.6], [0.2, 0.8], [0.4, 0.6], [0.65, 0.35],
            [0.2, 0.8], [0.5, 0.5], [0.7, 0.3], [0.05, 0.95], [0.45, 0.55],
        ];

        var metrics = ClassificationMetrics.Compute(labels, ["0", "1"], probabilities);

        AssertMetrics(metrics, 0.5833333333333334, 0.6666666666666666, 0.5714285714285714, 0.6153846153846153,
            0.6857142857142857, 0.7210884353741496, 0.6328698266481617);
    }

    [Fact]
    public void Compute_PerfectClassifier_AllOnes()
    {
        string[] labels = ["0", "0", "1", "1", "0", "1"];
        double[][] probabilities = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.1, 0.9], [0.6, 0.4], [0.4, 0.6]];

        var metrics = ClassificationMetrics.Compute(labels, ["0", "1"], probabilities);

        AssertMetrics(metrics, 1, 1, 1, 1, 1, 1, 0.30203179568342936);
    }

    [Fact]
    public void Compute_InvertedClassifier_AucZero()
    {
        string[] labels = ["0", "0", "1", "1", "0", "1"];
        double[][] probabilities = [[0.1, 0.9], [0.2, 0.8], [0.7, 0.3], [0.9, 0.1], [0.4, 0.6], [0.6, 0.4]];

        var metrics = ClassificationMetrics.Compute(labels, ["0", "1"], probabilities);

        AssertMetrics(metrics, 0, 0, 0, 0, 0, 0.38333333333333336, 1.5418603944160727);
    }

    [Fact]
    public void Compute_ClassesNotInSortedOrder_PositiveIsSecondSortedClass()
    {
        // Columns are [yes, no]; sorted ordinally the classes are no, yes, so "yes" is the positive class.
        string[] labels = ["yes", "no", "yes", "no", "no", "yes", "yes"];
        double[][] probabilities = [[0.7, 0.3], [0.4, 0.6], [0.45, 0.55], [0.1, 0.9], [0.8, 0.2], [0.9, 0.1], [0.6, 0.4]];

        var metrics = ClassificationMetrics.Compute(labels, ["yes", "no"], probabilities);

        AssertMetrics(metrics, 0.7142857142857143, 0.75, 0.75, 0.75, 0.7500000000000001, 0.8041666666666667, 0.5709989759197484);
    }

    [Fact]
    public void Compute_ProbabilityZeroForTrueClass_LogLossClippedLikeScikitLearn()
    {
        var metrics = ClassificationMetrics.Compute(["1", "0", "1", "0"], ["0", "1"], Binary(0.0, 0.0, 1.0, 0.7));

        AssertMetrics(metrics, 0.5, 0.5, 0.5, 0.5, 0.625, 0.75, 9.311906548360772);
    }

    [Fact]
    public void Compute_SingleClassLabels_AucIsNaNOthersDefined()
    {
        // scikit-learn: "Only one class present in y_true. ROC AUC score is not defined in that case." (ValueError).
        var metrics = ClassificationMetrics.Compute(["1", "1", "1", "1"], ["0", "1"], Binary(0.8, 0.4, 0.7, 0.9));

        Assert.True(double.IsNaN(metrics[MetricNames.Auc]));
        Assert.Equal(0.75, metrics[MetricNames.Accuracy], Tolerance);
        Assert.Equal(1.0, metrics[MetricNames.Precision], Tolerance);
        Assert.Equal(0.75, metrics[MetricNames.Recall], Tolerance);
        Assert.Equal(0.8571428571428571, metrics[MetricNames.F1], Tolerance);
        Assert.Equal(1.0, metrics[MetricNames.PrAuc], Tolerance);
        Assert.Equal(0.4003674356962309, metrics[MetricNames.LogLoss], Tolerance);
    }

    [Fact]
    public void Compute_NoPositiveLabel_PrAucIsNaN()
    {
        var metrics = ClassificationMetrics.Compute(["0", "0"], ["0", "1"], Binary(0.2, 0.6));

        Assert.True(double.IsNaN(metrics[MetricNames.PrAuc]));
        Assert.True(double.IsNaN(metrics[MetricNames.Auc]));
        Assert.Equal(0.5, metrics[MetricNames.Accuracy], Tolerance);
    }

    [Fact]
    public void Compute_MulticlassWithTies_MacroAveragesMatchScikitLearn()
    {
        string[] labels = ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"];
        double[][] probabilities =
        [
            [0.2, 0.5, 0.3], [0.2, 0.3, 0.5], [0.4, 0.3, 0.3], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4],
            [0.3, 0.4, 0.3], [0.2, 0.2, 0.6], [0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.3, 0.4, 0.3],
        ];

        var metrics = ClassificationMetrics.Compute(labels, ["c", "a", "b"], probabilities);

        AssertMetrics(metrics, 0.8, 0.8333333333333334, 0.8055555555555555, 0.8023809523809525,
            0.869047619047619, 0.8199074074074074, 0.850922502176706);
    }

    [Fact]
    public void Compute_MulticlassWithAbsentClass_AucIsNaN()
    {
        double[][] probabilities = [[0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1]];

        var metrics = ClassificationMetrics.Compute(["a", "b", "a"], ["a", "b", "c"], probabilities);

        Assert.True(double.IsNaN(metrics[MetricNames.Auc]));
        Assert.Equal(1.0, metrics[MetricNames.Accuracy], Tolerance);
    }

    [Fact]
    public void ComputeRowMajor_FlatProbabilities_SameAsRows()
    {
        string[] labels = ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"];
        double[] flat = [0.2, 0.5, 0.3, 0.2, 0.3, 0.5, 0.4, 0.3, 0.3, 0.1, 0.6, 0.3, 0.3, 0.3, 0.4, 0.3, 0.4, 0.3, 0.2, 0.2, 0.6, 0.1, 0.2, 0.7, 0.5, 0.25, 0.25, 0.3, 0.4, 0.3];

        var metrics = ClassificationMetrics.ComputeRowMajor(labels, ["c", "a", "b"], flat);

        AssertMetrics(metrics, 0.8, 0.8333333333333334, 0.8055555555555555, 0.8023809523809525,
            0.869047619047619, 0.8199074074074074, 0.850922502176706);
    }

    [Fact]
    public void ComputeRowMajor_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.ComputeRowMajor(["a", "b"], ["a", "b"], [0.5, 0.5, 0.5]));
    }

    [Fact]
    public void Compute_LabelNotAClass_ThrowsNamingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["0", "2"], ["0", "1"], Binary(0.1, 0.9)));

        Assert.Contains("'2'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_RowWidthMismatch_Throws()
    {
        double[][] probabilities = [[0.5, 0.5], [1.0]];

        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["0", "1"], ["0", "1"], probabilities));
    }

    [Fact]
    public void Compute_OneClassDeclared_Throws()
    {
        double[][] probabilities = [[1.0]];

        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["0"], ["0"], probabilities));
    }

    [Fact]
    public void Compute_SameInputTwice_SameNumbers()
    {
        var labels = Enumerable.Range(0, 500).Select(i => (i * 7 % 3 == 0) ? "1" : "0").ToArray();
        var probabilities = Binary(Enumerable.Range(0, 500).Select(i => (i * 37 % 101) / 100.0).ToArray());

        var first = ClassificationMetrics.Compute(labels, ["0", "1"], probabilities);
        var second = ClassificationMetrics.Compute(labels, ["0", "1"], probabilities);

        Assert.Equal(first.Values, second.Values);
    }
}
