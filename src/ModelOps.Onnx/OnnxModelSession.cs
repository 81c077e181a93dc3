using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using ModelOps.Runtime;
using ModelOps.Tensors;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace ModelOps.Onnx;

/// <summary>
/// An ONNX Runtime session. <see cref="Run"/> may be called from many threads at once (each run takes its own
/// <see cref="RunContext"/> from a small pool); <see cref="Dispose"/> while runs are in flight defers the native release
/// until the last of them returns, and later runs throw <see cref="ObjectDisposedException"/>.
/// </summary>
/// <remarks>
/// Inputs are used in place (pinned). When every requested output's shape follows from the model and the inputs
/// (<see cref="OutputShapePlan"/>), the run goes through an <see cref="OrtIoBinding"/> whose outputs are bound to reused
/// buffers, and the results are copied from there into arrays the caller owns; otherwise ORT allocates the outputs
/// (sequences, maps, strings, data-dependent shapes) and they are copied out and released.
/// </remarks>
internal sealed class OnnxModelSession : IModelSession
{
    /// <summary>
    /// <see cref="ApproximateSizeBytes"/> is the serialized model's length times this factor: ORT holds the weights once
    /// deserialized, plus graph structures, pre-packed copies of some weights and its arenas, which for the models we
    /// serve comes to roughly twice the file. A budget, not a measurement.
    /// </summary>
    public const int SizeFactor = 2;

    /// <summary>How ORT 1.32 reports a pre-bound output whose shape is not the one the run computes (as INVALID_ARGUMENT).</summary>
    private const string PreBoundShapeMismatch = "The output OrtValue provided for output";

    private readonly InferenceSession _session;
    private readonly ILogger _logger;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int[] _allOutputs;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;
    private readonly OutputShapePlan _plan;
    private readonly TensorElementType[] _outputTypes;
    private readonly OrtElementType[] _outputOrtTypes;
    private readonly int[] _outputElementSizes;
    private readonly RunContext?[] _pool = new RunContext?[Math.Max(4, Environment.ProcessorCount)];
    private volatile bool _preBind;

    /// <summary>1 for the owner plus 1 per run in flight; the native session is released when it reaches 0.</summary>
    private int _references = 1;
    private int _disposed;

    public OnnxModelSession(InferenceSession session, int modelBytes, ILogger logger)
    {
        _session = session;
        _logger = logger;
        Signature = OnnxSignatureReader.Read(session);
        ApproximateSizeBytes = (long)modelBytes * SizeFactor;
        _inputNames = [.. session.InputNames];
        _outputNames = [.. session.OutputNames];
        _allOutputs = Enumerable.Range(0, _outputNames.Length).ToArray();
        _inputIndex = Index(_inputNames);
        _outputIndex = Index(_outputNames);
        _plan = OutputShapePlan.Create(session, Signature);
        _preBind = _plan.AnyKnown;
        _outputTypes = Signature.Outputs.Select(o => o.ElementType).ToArray();
        _outputOrtTypes = Signature.Outputs.Select(o => o.Kind == ValueKind.Tensor ? OnnxElementTypes.ToOrt(o.ElementType) : default).ToArray();
        _outputElementSizes = Signature.Outputs.Select(o => o.ElementType.ElementSize()).ToArray();
    }

    public ModelSignature Signature { get; }

    public long ApproximateSizeBytes { get; }

    /// <summary>True while runs whose outputs all have known shapes go through pre-bound output buffers.</summary>
    internal bool PreBindsOutputs => _preBind;

    /// <summary>True when a run asking for <paramref name="outputNames"/> (null: all) goes through pre-bound output buffers.</summary>
    internal bool PreBinds(IReadOnlyList<string>? outputNames) =>
        _preBind && _plan.AllKnown(outputNames is null ? _allOutputs : ResolveOutputs(outputNames));

    public IReadOnlyList<NamedValue> Run(
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0 || !TryAddReference(), this);
        RunContext? context = null;
        try
        {
            var outputs = outputNames is null ? _allOutputs : ResolveOutputs(outputNames);
            context = Rent();
            SetInputs(context, inputs);

            CancellationTokenRegistration registration = default;
            if (cancellationToken.CanBeCanceled)
            {
                registration = cancellationToken.UnsafeRegister(static options => ((RunOptions)options!).Terminate = true, context.RunOptions);
            }

            try
            {
                if (_preBind && _plan.AllKnown(outputs) && ResolveShapes(context, outputs))
                {
                    try
                    {
                        return RunPreBound(context, outputs);
                    }
                    catch (OnnxRuntimeException e) when (e.Message.Contains(PreBoundShapeMismatch, StringComparison.Ordinal))
                    {
                        // The model's outputs do not have the shapes it declares: stop trusting them and let ORT allocate.
                        _preBind = false;
                        Log.PreBindingDisabled(_logger, OrtError.From(e).Message);
                    }
                }

                return RunPlain(context, outputs);
            }
            catch (OnnxRuntimeException e)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var error = OrtError.From(e);
                throw new ModelRunException(error.Message, error.IsInvalidArgument);
            }
            finally
            {
                registration.Dispose();
                if (context.RunOptions.Terminate)
                {
                    context.RunOptions.Terminate = false;
                }
            }
        }
        finally
        {
            if (context is not null)
            {
                context.ReleaseInputs();
                Return(context);
            }

            Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
    }

    private IReadOnlyList<NamedValue> RunPreBound(RunContext context, int[] outputs)
    {
        context.BindInputs(_inputNames);
        context.BindOutputs(outputs, _outputNames, _outputOrtTypes, _outputElementSizes);
        _session.RunWithBinding(context.RunOptions, context.Binding!);

        var results = new NamedValue[outputs.Length];
        for (var k = 0; k < outputs.Length; k++)
        {
            var slot = outputs[k];
            var shape = context.OutputShapes[slot];
            var type = _outputTypes[slot];
            var array = OnnxElementTypes.NewArray(type, checked((int)Tensor.ElementCount(shape)));
            var bytes = OrtValueReader.Bytes(array, type);
            context.OutputBytes(slot, bytes.Length).CopyTo(bytes);
            results[k] = new NamedValue(_outputNames[slot], new Tensor(type, shape, array));
        }

        return results;
    }

    private NamedValue[] RunPlain(RunContext context, int[] outputs)
    {
        var names = outputs == _allOutputs ? _outputNames : Array.ConvertAll(outputs, slot => _outputNames[slot]);
        using var values = _session.Run(context.RunOptions, _inputNames, context.Inputs, names);
        var results = new NamedValue[outputs.Length];
        var k = 0;
        foreach (var value in values)
        {
            results[k] = new NamedValue(names[k], OrtValueReader.Read(value));
            k++;
        }

        return results;
    }

    /// <summary>Checks the inputs against the signature (names, no repeats, none missing, tensors only) and wraps them.</summary>
    private void SetInputs(RunContext context, IReadOnlyList<NamedValue> inputs)
    {
        var tensors = context.Tensors;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.Name is null || !_inputIndex.TryGetValue(input.Name, out var slot))
            {
                throw new ModelRunException(
                    $"The model has no input named '{input.Name}' (inputs: {string.Join(", ", _inputNames)}).", isInvalidInput: true);
            }

            if (input.Value is not Tensor tensor)
            {
                throw new ModelRunException(
                    $"Input '{input.Name}' must be a tensor; {input.Value?.GetType().Name ?? "null"} inputs are not supported.", isInvalidInput: true);
            }

            if (tensors[slot] is not null)
            {
                throw new ModelRunException($"Input '{input.Name}' is given more than once.", isInvalidInput: true);
            }

            try
            {
                context.SetInput(slot, tensor);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelRunException($"Input '{input.Name}': {OrtError.From(e).Message}", isInvalidInput: true);
            }
        }

        if (inputs.Count != _inputNames.Length)
        {
            var missing = _inputNames.Where((_, slot) => tensors[slot] is null);
            throw new ModelRunException($"Missing model input(s): {string.Join(", ", missing)}.", isInvalidInput: true);
        }
    }

    private bool ResolveShapes(RunContext context, int[] outputs)
    {
        foreach (var slot in outputs)
        {
            var shape = _plan.Resolve(slot, context.Tensors);
            if (shape is null)
            {
                return false;
            }

            context.OutputShapes[slot] = shape;
        }

        return true;
    }

    private int[] ResolveOutputs(IReadOnlyList<string> names)
    {
        var slots = new int[names.Count];
        for (var o = 0; o < names.Count; o++)
        {
            if (names[o] is null || !_outputIndex.TryGetValue(names[o], out slots[o]))
            {
                throw new ModelRunException(
                    $"The model has no output named '{names[o]}' (outputs: {string.Join(", ", _outputNames)}).", isInvalidInput: true);
            }
        }

        return slots;
    }

    private RunContext Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            var context = Interlocked.Exchange(ref _pool[i], null);
            if (context is not null)
            {
                return context;
            }
        }

        return new RunContext(_session, _inputNames.Length, _outputNames.Length, _plan.AnyKnown);
    }

    private void Return(RunContext context)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], context, null) is null)
            {
                return;
            }
        }

        context.Dispose();
    }

    private bool TryAddReference()
    {
        while (true)
        {
            var references = Volatile.Read(ref _references);
            if (references == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
            {
                return true;
            }
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }

        _session.Dispose();
    }

    private static Dictionary<string, int> Index(string[] names)
    {
        var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            index[names[i]] = i;
        }

        return index;
    }
}
