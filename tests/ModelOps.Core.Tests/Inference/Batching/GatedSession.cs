using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Core.Tests.Inference.Batching;

/// <summary>
/// The real ONNX Runtime session with its runs observed and, when asked, held at the door: records the rows of each run
/// and blocks runs while the gate is closed, so a test can queue requests behind a run in flight. Can refuse runs that
/// contain a marker value, as a runtime refuses bad data.
/// </summary>
internal sealed class GatedSession(IModelSession inner) : IModelSession
{
    private readonly SemaphoreSlim _permits = new(0);
    private volatile bool _open = true;
    private readonly SemaphoreSlim _entered = new(0);
    private readonly List<long> _runs = [];

    /// <summary>A value that makes a run fail, as a kernel refusing the data would.</summary>
    public float? Poison { get; set; }

    public ModelSignature Signature => inner.Signature;

    public long ApproximateSizeBytes => inner.ApproximateSizeBytes;

    /// <summary>The first dimension of each run's first input, in order.</summary>
    public IReadOnlyList<long> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    /// <summary>From now on each run waits for a permit (<see cref="Allow"/>).</summary>
    public void Close() => _open = false;

    /// <summary>Lets every run through, those waiting too.</summary>
    public void Open()
    {
        _open = true;
        _permits.Release(1000);
    }

    /// <summary>Lets <paramref name="runs"/> more runs through a closed gate.</summary>
    public void Allow(int runs) => _permits.Release(runs);

    /// <summary>Waits until a run has entered (and, with the gate closed, is held).</summary>
    public Task WaitForRunAsync() => _entered.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => Assert.True(t.Result, "No run started."), TaskScheduler.Default);

    public IReadOnlyList<NamedValue> Run(IReadOnlyList<NamedValue> inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default)
    {
        lock (_runs)
        {
            _runs.Add(((Tensor)inputs[0].Value).Shape[0]);
        }

        _entered.Release();
        Assert.True(_open || _permits.Wait(TimeSpan.FromSeconds(30)), "The gate was never opened.");
        if (Poison is { } poison && inputs.Any(i => i.Value is Tensor { Data: float[] data } && data.Contains(poison)))
        {
            throw new ModelRunException("The kernel refused the data.", isInvalidInput: true);
        }

        return inner.Run(inputs, outputNames, cancellationToken);
    }

    public void Dispose()
    {
        inner.Dispose();
        _permits.Dispose();
        _entered.Dispose();
    }
}
