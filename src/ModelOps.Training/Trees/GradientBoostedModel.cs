using ModelOps.Training.Data;
using ModelOps.Training.Onnx;

namespace ModelOps.Training.Trees;

/// <summary>
/// A gradient-boosted tree ensemble: score = baseline + sum of its trees' leaf values per score column. Exported as
/// ai.onnx.ml TreeEnsembleRegressor over the raw columns (categoricals through LabelEncoder to their code, unseen
/// or missing to NaN) followed by the shared sigmoid / softmax / identity head.
/// </summary>
internal sealed class GradientBoostedModel : TrainedModel
{
    private readonly double[] _baseline;
    private readonly List<RegressionTree> _trees;

    public GradientBoostedModel(PreparedData data, string label, double[] baseline, List<RegressionTree> trees)
        : base("gbt", data, label)
    {
        _baseline = baseline;
        _trees = trees;
    }

    public IReadOnlyList<RegressionTree> Trees => _trees;

    internal override void Score(EncodedFeatures x, double[] scores)
    {
        var width = ScoreWidth;
        Parallel.For(0, (x.RowCount + 255) / 256, chunk =>
        {
            var end = Math.Min(x.RowCount, (chunk + 1) * 256);
            for (var r = chunk * 256; r < end; r++)
            {
                for (var k = 0; k < width; k++)
                {
                    scores[(r * width) + k] = _baseline[k];
                }

                foreach (var tree in _trees)
                {
                    scores[(r * width) + tree.Target] += tree.Predict(x, r);
                }
            }
        });
    }

    private protected override bool ScoresAreDouble => false;

    private protected override string BuildScores(OnnxGraphBuilder graph)
    {
        var columns = new List<string>();
        foreach (var feature in Features)
        {
            if (feature.Kind == ColumnKind.Numeric)
            {
                columns.Add(feature.Name);
                continue;
            }

            var code = graph.Name("code");
            graph.MlNode("LabelEncoder", [feature.Name], [code],
                OnnxAttribute.Strings("keys_strings", feature.Categories),
                OnnxAttribute.Floats("values_floats", Enumerable.Range(0, feature.Categories.Count).Select(i => (float)i).ToArray()),
                OnnxAttribute.Float("default_float", float.NaN));
            graph.ValueInfo(code, OnnxTensor.Float, null, 1);
            columns.Add(code);
        }

        var x = columns[0];
        if (columns.Count > 1)
        {
            x = graph.Name("features");
            graph.Node("Concat", [.. columns], [x], OnnxAttribute.Int("axis", 1));
        }

        // Double features make ONNX Runtime sum the leaves in double (thresholds are float values, so every
        // comparison is the float comparison training used).
        var xDouble = graph.Name("features_double");
        graph.Node("Cast", [x], [xDouble], OnnxAttribute.Int("to", OnnxTensor.Double));
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var modes = new List<string>();
        var values = new List<float>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var missingTrue = new List<long>();
        var targetTree = new List<long>();
        var targetNode = new List<long>();
        var targetId = new List<long>();
        var targetWeight = new List<double>();
        for (var t = 0; t < _trees.Count; t++)
        {
            // Node ids: a tree node keeps its index; a categorical split on m categories becomes a chain of m
            // BRANCH_EQ nodes (the first under the node's own id, the rest numbered after the tree's nodes) whose true
            // branches all lead to the left child, as ONNX Runtime accepts for set membership.
            var tree = _trees[t];
            var chains = new Dictionary<int, int[]>();
            var nextId = tree.NodeCount;
            for (var n = 0; n < tree.NodeCount; n++)
            {
                if (!tree.IsLeaf(n) && tree.IsCategorical[n])
                {
                    var set = tree.LeftCategories[n]!;
                    // A split that sends only missing values left has no categories: one node that no code equals.
                    var count = Math.Max(1, set.Count(b => b));
                    var ids = new int[count];
                    ids[0] = n;
                    for (var i = 1; i < count; i++)
                    {
                        ids[i] = nextId++;
                    }

                    chains[n] = ids;
                }
            }

            var rows = new SortedDictionary<int, (long Feature, string Mode, float Value, long True, long False, long Missing)>();
            for (var n = 0; n < tree.NodeCount; n++)
            {
                if (tree.IsLeaf(n))
                {
                    rows[n] = (0, "LEAF", 0, 0, 0, 0);
                    targetTree.Add(t);
                    targetNode.Add(n);
                    targetId.Add(tree.Target);
                    targetWeight.Add(tree.Value[n]);
                }
                else if (tree.IsCategorical[n])
                {
                    var ids = chains[n];
                    var categories = tree.LeftCategories[n]!.Select((left, code) => (left, code)).Where(c => c.left).Select(c => c.code).ToArray();
                    for (var i = 0; i < ids.Length; i++)
                    {
                        var next = i + 1 < ids.Length ? ids[i + 1] : tree.Right[n];
                        var value = categories.Length > 0 ? categories[i] : -1f;
                        rows[ids[i]] = (tree.Feature[n], "BRANCH_EQ", value, tree.Left[n], next, tree.MissingLeft[n] ? 1 : 0);
                    }
                }
                else
                {
                    rows[n] = (tree.Feature[n], "BRANCH_LEQ", tree.Threshold[n], tree.Left[n], tree.Right[n], tree.MissingLeft[n] ? 1 : 0);
                }
            }

            foreach (var (id, row) in rows)
            {
                treeIds.Add(t);
                nodeIds.Add(id);
                featureIds.Add(row.Feature);
                modes.Add(row.Mode);
                values.Add(row.Value);
                trueIds.Add(row.True);
                falseIds.Add(row.False);
                missingTrue.Add(row.Missing);
            }
        }

        var scores = graph.Name("scores");
        graph.MlNode("TreeEnsembleRegressor", [xDouble], [scores],
            OnnxAttribute.String("aggregate_function", "SUM"),
            OnnxAttribute.Tensor("base_values_as_tensor", OnnxTensor.Doubles("base_values", _baseline, _baseline.Length)),
            OnnxAttribute.Int("n_targets", ScoreWidth),
            OnnxAttribute.Ints("nodes_treeids", treeIds),
            OnnxAttribute.Ints("nodes_nodeids", nodeIds),
            OnnxAttribute.Ints("nodes_featureids", featureIds),
            OnnxAttribute.Strings("nodes_modes", modes),
            OnnxAttribute.Floats("nodes_values", values),
            OnnxAttribute.Ints("nodes_truenodeids", trueIds),
            OnnxAttribute.Ints("nodes_falsenodeids", falseIds),
            OnnxAttribute.Ints("nodes_missing_value_tracks_true", missingTrue),
            OnnxAttribute.String("post_transform", "NONE"),
            OnnxAttribute.Ints("target_treeids", targetTree),
            OnnxAttribute.Ints("target_nodeids", targetNode),
            OnnxAttribute.Ints("target_ids", targetId),
            OnnxAttribute.Tensor("target_weights_as_tensor", OnnxTensor.Doubles("target_weights", targetWeight, targetWeight.Count)));
        return scores;
    }
}
