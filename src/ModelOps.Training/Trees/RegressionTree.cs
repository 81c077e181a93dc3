using ModelOps.Training.Data;

namespace ModelOps.Training.Trees;

/// <summary>
/// One boosted tree. Node 0 is the root. A split node sends a row to <see cref="Left"/> when its numeric value is
/// &lt;= <see cref="Threshold"/> (float comparison, as ONNX's BRANCH_LEQ) or its category is in
/// <see cref="LeftCategories"/> (a chain of BRANCH_EQ nodes in ONNX); a missing or unseen value goes where <see cref="MissingLeft"/> says. Leaves hold the learning-rate-scaled value.
/// </summary>
internal sealed class RegressionTree
{
    public List<int> Feature { get; } = [];

    public List<bool> IsCategorical { get; } = [];

    public List<byte> ThresholdBin { get; } = [];

    public List<float> Threshold { get; } = [];

    /// <summary>For a categorical split, the categories (indexed by code) that go left.</summary>
    public List<bool[]?> LeftCategories { get; } = [];

    public List<bool> MissingLeft { get; } = [];

    public List<int> Left { get; } = [];

    public List<int> Right { get; } = [];

    public List<double> Value { get; } = [];

    /// <summary>The class (score column) this tree adds to.</summary>
    public int Target { get; init; }

    public int NodeCount => Feature.Count;

    public bool IsLeaf(int node) => Left[node] < 0;

    public int AddNode()
    {
        Feature.Add(-1);
        IsCategorical.Add(false);
        ThresholdBin.Add(0);
        LeftCategories.Add(null);
        Threshold.Add(0);
        MissingLeft.Add(false);
        Left.Add(-1);
        Right.Add(-1);
        Value.Add(0);
        return Feature.Count - 1;
    }

    /// <summary>The leaf value for a row of binned data.</summary>
    public double PredictBinned(byte[][] bins, int row)
    {
        var node = 0;
        while (Left[node] >= 0)
        {
            var bin = bins[Feature[node]][row];
            bool left;
            if (bin == BinMapper.MissingBin)
            {
                left = MissingLeft[node];
            }
            else
            {
                left = IsCategorical[node] ? LeftCategories[node]![bin] : bin <= ThresholdBin[node];
            }

            node = left ? Left[node] : Right[node];
        }

        return Value[node];
    }

    /// <summary>The leaf value for a row of raw features (float values, category codes), as ONNX Runtime computes it.</summary>
    public double Predict(EncodedFeatures x, int row)
    {
        var node = 0;
        while (Left[node] >= 0)
        {
            var f = Feature[node];
            bool left;
            if (IsCategorical[node])
            {
                var code = x.Codes[f]![row];
                left = code < 0 ? MissingLeft[node] : LeftCategories[node]![code];
            }
            else
            {
                var value = x.Numeric[f]![row];
                left = float.IsNaN(value) ? MissingLeft[node] : value <= Threshold[node];
            }

            node = left ? Left[node] : Right[node];
        }

        return Value[node];
    }
}
