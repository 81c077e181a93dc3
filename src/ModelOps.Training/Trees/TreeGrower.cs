using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelOps.Training.Trees;

/// <summary>
/// Grows one tree leaf-wise (best gain first) on binned data, as scikit-learn's HistGradientBoosting does:
/// per node a gradient/hessian/count histogram per feature (built in parallel over features), the larger child's
/// histogram obtained by subtracting the smaller child's from the parent's, splits scanned with missing values
/// tried on both sides. Holds its buffers across trees; not thread-safe.
/// </summary>
internal sealed class TreeGrower
{
    private const int Stride = 3;
    private const int FeatureSlots = BinMapper.HistogramBins * Stride;
    private const int MinCategorySupport = 10;
    private const int MaxCategoryThresholds = 32;

    private readonly byte[][] _bins;
    private readonly BinMapper _mapper;
    private readonly TreeGrowerOptions _options;
    private readonly int[] _partition;
    private readonly int[] _scratch;
    private readonly double[] _orderedGradients;
    private readonly double[] _orderedHessians;
    private readonly Stack<double[]> _pool = new();
    private readonly int _featureCount;

    public TreeGrower(byte[][] bins, BinMapper mapper, int[] trainRows, TreeGrowerOptions options)
    {
        _bins = bins;
        _mapper = mapper;
        _options = options;
        _featureCount = bins.Length;
        _partition = (int[])trainRows.Clone();
        _scratch = new int[trainRows.Length];
        _orderedGradients = new double[trainRows.Length];
        _orderedHessians = new double[trainRows.Length];
    }

    private sealed class Node
    {
        public required int Id { get; init; }

        public required int Start { get; init; }

        public required int Count { get; init; }

        public required int Depth { get; init; }

        public required double Gradient { get; init; }

        public required double Hessian { get; init; }

        public double[]? Histogram { get; set; }

        public SplitCandidate Split { get; set; } = SplitCandidate.None;
    }

    /// <summary>
    /// Grows a tree for <paramref name="gradients"/> and <paramref name="hessians"/> (indexed by row) and adds each
    /// training row's leaf value to <paramref name="scores"/>[row * width + target].
    /// </summary>
    public RegressionTree Grow(double[] gradients, double[] hessians, int target, double[] scores, int width, CancellationToken cancellationToken)
    {
        var tree = new RegressionTree { Target = target };
        var rootId = tree.AddNode();
        double g = 0, h = 0;
        foreach (var row in _partition)
        {
            g += gradients[row];
            h += hessians[row];
        }

        var root = new Node { Id = rootId, Start = 0, Count = _partition.Length, Depth = 0, Gradient = g, Hessian = h };
        var leaves = new List<Node>();
        var queue = new PriorityQueue<Node, (double, int)>();
        root.Histogram = BuildHistogram(root, gradients, hessians);
        Consider(root, queue, leaves);
        var leafCount = 1;
        while (queue.Count > 0 && leafCount < _options.MaxLeafNodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = queue.Dequeue();
            var split = node.Split;
            var leftCount = Partition(node, split);
            var leftId = tree.AddNode();
            var rightId = tree.AddNode();
            tree.Feature[node.Id] = split.Feature;
            tree.IsCategorical[node.Id] = split.Categorical;
            tree.ThresholdBin[node.Id] = (byte)split.Bin;
            tree.LeftCategories[node.Id] = split.LeftCategories;
            tree.Threshold[node.Id] = split.Categorical
                ? split.Bin
                : split.Bin < _mapper.Edges[split.Feature].Length ? _mapper.Edges[split.Feature][split.Bin] : float.MaxValue;
            tree.MissingLeft[node.Id] = split.MissingLeft;
            tree.Left[node.Id] = leftId;
            tree.Right[node.Id] = rightId;
            var left = new Node
            {
                Id = leftId, Start = node.Start, Count = leftCount, Depth = node.Depth + 1,
                Gradient = split.LeftGradient, Hessian = split.LeftHessian,
            };
            var right = new Node
            {
                Id = rightId, Start = node.Start + leftCount, Count = node.Count - leftCount, Depth = node.Depth + 1,
                Gradient = node.Gradient - split.LeftGradient, Hessian = node.Hessian - split.LeftHessian,
            };
            leafCount++;

            if (CanSplit(left) || CanSplit(right))
            {
                var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
                small.Histogram = BuildHistogram(small, gradients, hessians);
                var parent = node.Histogram!;
                var smallHistogram = small.Histogram;
                for (var i = 0; i < parent.Length; i++)
                {
                    parent[i] -= smallHistogram[i];
                }

                large.Histogram = parent;
                node.Histogram = null;
            }
            else
            {
                Release(node);
            }

            Consider(left, queue, leaves);
            Consider(right, queue, leaves);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            Release(node);
            leaves.Add(node);
        }

        foreach (var leaf in leaves)
        {
            var value = -_options.LearningRate * leaf.Gradient / (leaf.Hessian + _options.L2);
            tree.Value[leaf.Id] = value;
            var span = _partition.AsSpan(leaf.Start, leaf.Count);
            foreach (var row in span)
            {
                scores[(row * width) + target] += value;
            }
        }

        return tree;
    }

    private bool CanSplit(Node node) =>
        node.Count >= 2 * _options.MinSamplesLeaf && (_options.MaxDepth <= 0 || node.Depth < _options.MaxDepth);

    private void Consider(Node node, PriorityQueue<Node, (double, int)> queue, List<Node> leaves)
    {
        if (CanSplit(node) && node.Histogram is not null)
        {
            node.Split = FindSplit(node);
            if (node.Split.IsValid)
            {
                // Highest gain first; ties go to the older node, so the order is deterministic.
                queue.Enqueue(node, (-node.Split.Gain, node.Id));
                return;
            }
        }

        Release(node);
        leaves.Add(node);
    }

    private void Release(Node node)
    {
        if (node.Histogram is { } histogram)
        {
            _pool.Push(histogram);
            node.Histogram = null;
        }
    }

    private double[] BuildHistogram(Node node, double[] gradients, double[] hessians)
    {
        var histogram = _pool.Count > 0 ? _pool.Pop() : new double[_featureCount * FeatureSlots];
        Array.Clear(histogram);
        var rows = _partition.AsSpan(node.Start, node.Count);
        for (var k = 0; k < rows.Length; k++)
        {
            _orderedGradients[node.Start + k] = gradients[rows[k]];
            _orderedHessians[node.Start + k] = hessians[rows[k]];
        }

        var start = node.Start;
        var count = node.Count;
        if ((long)count * _featureCount < 50_000)
        {
            for (var f = 0; f < _featureCount; f++)
            {
                Accumulate(f, start, count, histogram);
            }
        }
        else
        {
            Parallel.For(0, _featureCount, f => Accumulate(f, start, count, histogram));
        }

        return histogram;
    }

    private void Accumulate(int feature, int start, int count, double[] histogram)
    {
        var bins = _bins[feature];
        ref var hist = ref MemoryMarshal.GetArrayDataReference(histogram);
        hist = ref Unsafe.Add(ref hist, feature * FeatureSlots);
        var rows = _partition.AsSpan(start, count);
        var g = _orderedGradients.AsSpan(start, count);
        var h = _orderedHessians.AsSpan(start, count);
        for (var k = 0; k < rows.Length; k++)
        {
            ref var slot = ref Unsafe.Add(ref hist, bins[rows[k]] * Stride);
            slot += g[k];
            Unsafe.Add(ref slot, 1) += h[k];
            Unsafe.Add(ref slot, 2) += 1;
        }
    }

    private SplitCandidate FindSplit(Node node)
    {
        var best = new SplitCandidate[_featureCount];
        var histogram = node.Histogram!;
        if ((long)node.Count * _featureCount < 50_000)
        {
            for (var f = 0; f < _featureCount; f++)
            {
                best[f] = FindSplit(node, f, histogram);
            }
        }
        else
        {
            Parallel.For(0, _featureCount, f => best[f] = FindSplit(node, f, histogram));
        }

        var result = SplitCandidate.None;
        foreach (var candidate in best)
        {
            if (candidate.IsValid && (!result.IsValid || candidate.Gain > result.Gain))
            {
                result = candidate;
            }
        }

        return result;
    }

    private SplitCandidate FindSplit(Node node, int feature, double[] histogram)
    {
        var hist = histogram.AsSpan(feature * FeatureSlots, FeatureSlots);
        var bins = _mapper.BinCounts[feature];
        var categorical = _mapper.Categorical[feature];
        var l2 = _options.L2;
        var minLeaf = _options.MinSamplesLeaf;
        var minHessian = _options.MinHessian;
        var totalG = node.Gradient;
        var totalH = node.Hessian;
        var parentScore = totalG * totalG / (totalH + l2);
        var missingG = hist[BinMapper.MissingBin * Stride];
        var missingH = hist[(BinMapper.MissingBin * Stride) + 1];
        var missingCount = (int)hist[(BinMapper.MissingBin * Stride) + 2];
        var best = SplitCandidate.None;
        var bestGain = 1e-12;
        double accG = 0, accH = 0;
        var accCount = 0;
        var bestPrefix = (Direction: 0, Last: 0);

        if (categorical)
        {
            FindCategoricalSplit(hist);
            return best;
        }

        for (var b = 0; b < bins; b++)
        {
            accG += hist[b * Stride];
            accH += hist[(b * Stride) + 1];
            accCount += (int)hist[(b * Stride) + 2];
            if (b == bins - 1 && missingCount == 0)
            {
                break;
            }

            // Missing values to the right, then (when there are any) to the left.
            Try(accG, accH, accCount, missingLeft: false, b, null);
            if (missingCount > 0 && b < bins - 1)
            {
                Try(accG + missingG, accH + missingH, accCount + missingCount, missingLeft: true, b, null);
            }
        }

        return best;

        // As scikit-learn: categories with enough support (and missing values as one more category) sorted by
        // gradient / (hessian + smoothing); the left child is a prefix of that order, scanned from both ends.
        void FindCategoricalSplit(ReadOnlySpan<double> hist)
        {
            var candidates = new List<(double Value, int Bin)>();
            for (var b = 0; b < bins; b++)
            {
                if (hist[(b * Stride) + 2] >= MinCategorySupport)
                {
                    candidates.Add((hist[b * Stride] / (hist[(b * Stride) + 1] + MinCategorySupport), b));
                }
            }

            if (missingCount >= MinCategorySupport)
            {
                candidates.Add((missingG / (missingH + MinCategorySupport), BinMapper.MissingBin));
            }

            candidates.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Bin.CompareTo(b.Bin));
            var limit = Math.Min(MaxCategoryThresholds, (candidates.Count + 1) / 2);
            for (var direction = 0; direction < 2; direction++)
            {
                double gl = 0, hl = 0;
                var cl = 0;
                var hasMissing = false;
                for (var i = 0; i < limit && i < candidates.Count - 1; i++)
                {
                    var bin = candidates[direction == 0 ? i : candidates.Count - 1 - i].Bin;
                    gl += hist[bin * Stride];
                    hl += hist[(bin * Stride) + 1];
                    cl += (int)hist[(bin * Stride) + 2];
                    hasMissing |= bin == BinMapper.MissingBin;
                    Try(gl, hl, cl, hasMissing, direction, (direction, i));
                }
            }

            if (best.IsValid && best.LeftCategories is null)
            {
                // Materialise the winning prefix as a category set.
                var (direction, last) = bestPrefix;
                var set = new bool[BinMapper.HistogramBins];
                for (var i = 0; i <= last; i++)
                {
                    set[candidates[direction == 0 ? i : candidates.Count - 1 - i].Bin] = true;
                }

                var missingLeftSet = set[BinMapper.MissingBin];
                set[BinMapper.MissingBin] = false;
                best = best with
                {
                    LeftCategories = set,
                    MissingLeft = missingCount > 0 ? missingLeftSet : best.LeftCount >= node.Count - best.LeftCount,
                };
            }
        }

        void Try(double gl, double hl, int cl, bool missingLeft, int bin, (int Direction, int Last)? prefix)
        {
            var cr = node.Count - cl;
            if (cl < minLeaf || cr < minLeaf)
            {
                return;
            }

            var hr = totalH - hl;
            if (hl < minHessian || hr < minHessian)
            {
                return;
            }

            var gr = totalG - gl;
            var gain = (gl * gl / (hl + l2)) + (gr * gr / (hr + l2)) - parentScore;
            if (gain > bestGain)
            {
                bestGain = gain;

                // With no missing values at this node, unseen missing values follow the larger child (as scikit-learn).
                var left = missingCount > 0 ? missingLeft : cl >= cr;
                best = new SplitCandidate(gain, feature, bin, categorical, left, gl, hl, cl);
                if (prefix is { } p)
                {
                    bestPrefix = p;
                }
            }
        }
    }

    /// <summary>Stable partition of the node's rows: left child first. Returns the left count.</summary>
    private int Partition(Node node, SplitCandidate split)
    {
        var bins = _bins[split.Feature];
        var rows = _partition.AsSpan(node.Start, node.Count);
        var scratch = _scratch.AsSpan(node.Start, node.Count);
        int left = 0, right = 0;
        foreach (var row in rows)
        {
            var bin = bins[row];
            var goesLeft = bin == BinMapper.MissingBin
                ? split.MissingLeft
                : split.Categorical ? split.LeftCategories![bin] : bin <= split.Bin;
            if (goesLeft)
            {
                rows[left++] = row;
            }
            else
            {
                scratch[right++] = row;
            }
        }

        scratch[..right].CopyTo(rows[left..]);
        return left;
    }
}
