using ModelOps.Rollouts;
using ModelOps.Tensors;

namespace ModelOps.Core.Tests.Rollouts;

public sealed class TrafficRoutingTests
{
    private static readonly TrafficPolicy NinetyTen = new(new Dictionary<int, int> { [1] = 90, [2] = 10 });

    [Theory]
    [InlineData(0, 1)]
    [InlineData(89, 1)]
    [InlineData(90, 2)]
    [InlineData(99, 2)]
    public void Pick_BucketAtTheEdgesOfTheWeights_PicksTheVersionWhoseRangeHoldsIt(int bucket, int expected) =>
        Assert.Equal(expected, TrafficRouting.Pick(NinetyTen.Weights, bucket));

    [Fact]
    public void Pick_ZeroWeight_NeverPicked()
    {
        var weights = new Dictionary<int, int> { [1] = 0, [2] = 100, [3] = 0 };

        Assert.All(Enumerable.Range(0, 100), bucket => Assert.Equal(2, TrafficRouting.Pick(weights, bucket)));
    }

    [Fact]
    public void Decide_ManyRandomRequests_SharesWithinOnePointOfTheWeights()
    {
        var random = new Random(42);
        const int requests = 100_000;

        var toTwo = Enumerable.Range(0, requests).Count(_ => TrafficRouting.Decide(NinetyTen, null, random).Version == 2);

        Assert.InRange(toTwo * 100.0 / requests, 9.0, 11.0);
    }

    [Fact]
    public void Decide_StickyHeader_SameCallerAlwaysGetsTheSameVersion()
    {
        var policy = NinetyTen with { Weights = new Dictionary<int, int> { [1] = 50, [2] = 50 }, Sticky = new StickyRouting("x-user") };
        var random = new Random(7);

        foreach (var user in Enumerable.Range(0, 200).Select(i => $"user-{i}"))
        {
            var first = TrafficRouting.Decide(policy, Header(user), random).Version;
            Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(first, TrafficRouting.Decide(policy, Header(user), random).Version));
        }
    }

    [Fact]
    public void Decide_StickyHeader_CallersSpreadByTheWeights()
    {
        var policy = NinetyTen with { Sticky = new StickyRouting("x-user") };

        var toTwo = Enumerable.Range(0, 20_000).Count(i => TrafficRouting.Decide(policy, Header($"caller-{i}"), new Random(0)).Version == 2);

        Assert.InRange(toTwo / 200.0, 8.5, 11.5);
    }

    [Fact]
    public void Decide_StickyInput_SameValueAlwaysGetsTheSameVersion()
    {
        var policy = NinetyTen with { Weights = new Dictionary<int, int> { [1] = 50, [2] = 50 }, Sticky = StickyRouting.ByInput("customer_id") };
        var random = new Random(7);

        foreach (var customer in Enumerable.Range(0, 200).Select(i => (long)(i * 7919)))
        {
            var inputs = Inputs(customer);
            var first = TrafficRouting.Decide(policy, null, StickyInputs.Of(inputs), random).Version;
            Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(first, TrafficRouting.Decide(policy, null, StickyInputs.Of(Inputs(customer)), random).Version));
        }
    }

    [Fact]
    public void Decide_StickyInput_ValuesSpreadByTheWeights()
    {
        var policy = NinetyTen with { Sticky = StickyRouting.ByInput("customer_id") };

        var toTwo = Enumerable.Range(0, 20_000).Count(i => TrafficRouting.Decide(policy, null, StickyInputs.Of(Inputs(i)), new Random(0)).Version == 2);

        Assert.InRange(toTwo / 200.0, 8.5, 11.5);
    }

    [Fact]
    public void Decide_StickyInput_IgnoresHeadersAndRoutesAtRandomWithoutTheInput()
    {
        var policy = new TrafficPolicy(new Dictionary<int, int> { [1] = 50, [2] = 50 }, StickyRouting.ByInput("customer_id"));
        var random = new Random(5);

        var versions = Enumerable.Range(0, 400).Select(_ => TrafficRouting.Decide(policy, Header("same-user"), StickyInputs.Of([]), random).Version).ToList();

        Assert.Contains(1, versions);
        Assert.Contains(2, versions);
    }

    [Theory]
    [InlineData(TensorElementType.Int64, "42")]
    [InlineData(TensorElementType.Float32, "0.1")]
    [InlineData(TensorElementType.String, "c-17")]
    [InlineData(TensorElementType.Bool, "true")]
    public void StickyInputsOf_FirstElement_InvariantText(TensorElementType type, string expected)
    {
        Tensor tensor = type switch
        {
            TensorElementType.Int64 => Tensor.Create([42L, 43L], 2, 1),
            TensorElementType.Float32 => Tensor.Create([0.1f], 1, 1),
            TensorElementType.String => Tensor.Create(["c-17"], 1),
            _ => Tensor.Create([true], 1),
        };

        Assert.Equal(expected, StickyInputs.Of([new NamedValue("key", tensor)])("key"));
        Assert.Null(StickyInputs.Of([new NamedValue("key", tensor)])("other"));
    }

    [Fact]
    public void Decide_Mirror_CopiesItsShareWithoutChangingWhoAnswers()
    {
        var policy = new TrafficPolicy(new Dictionary<int, int> { [1] = 100 }, Mirror: new TrafficMirror(3, 20));
        var random = new Random(3);

        var decisions = Enumerable.Range(0, 50_000).Select(_ => TrafficRouting.Decide(policy, null, random)).ToList();

        Assert.All(decisions, d => Assert.Equal(1, d.Version));
        Assert.InRange(decisions.Count(d => d.Mirror == 3) * 100.0 / decisions.Count, 19.0, 21.0);
    }

    [Fact]
    public void StickyBucket_IsStableAcrossCalls() =>
        Assert.Equal(TrafficRouting.StickyBucket("alice"), TrafficRouting.StickyBucket(new string("alice".ToCharArray())));

    private static Func<string, string?> Header(string value) => name => name == "x-user" ? value : null;

    private static NamedValue[] Inputs(long customer) =>
        [new NamedValue("features", Tensor.Create([1f, 2f], 1, 2)), new NamedValue("customer_id", Tensor.Create([customer], 1, 1))];
}
