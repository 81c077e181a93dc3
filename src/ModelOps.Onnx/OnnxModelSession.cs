using System.Runtime.InteropServices;
using ModelOps.Onnx.Native;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx;

/// <summary>
/// An ONNX Runtime session. <see cref="Run"/> may be called from many threads at once (ORT sessions are thread-safe);
/// <see cref="Dispose"/> while runs are in flight defers the native release until the last run returns.
/// </summary>
internal sealed unsafe class OnnxModelSession : IModelSession
{
    /// <summary>
    /// <see cref="ApproximateSizeBytes"/> is the serialized model's length times this factor: ORT holds the weights once
    /// deserialized, plus graph structures, pre-packed copies of some weights and its arenas, which for the models we
    /// serve comes to roughly twice the file. A budget, not a measurement.
    /// </summary>
    public const int SizeFactor = 2;

    private readonly OrtApi _api;
    private readonly OrtHandle _session;
    private readonly OrtHandle _cpuMemoryInfo;
    private readonly NativeUtf8Strings _inputNames;
    private readonly NativeUtf8Strings _outputNames;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    /// <summary>Every native object a run touches; each run holds a reference on all of them so Dispose cannot free one mid-run.</summary>
    private readonly SafeHandle[] _runHandles;

    public OnnxModelSession(OrtApi api, OrtHandle session, int modelBytes)
    {
        _api = api;
        _session = session;
        Signature = OnnxSignatureReader.Read(api, session);
        ApproximateSizeBytes = (long)modelBytes * SizeFactor;
        _cpuMemoryInfo = api.CreateCpuMemoryInfo();
        _inputNames = new NativeUtf8Strings(Signature.Inputs.Select(i => i.Name).ToArray());
        _outputNames = new NativeUtf8Strings(Signature.Outputs.Select(o => o.Name).ToArray());
        _inputIndex = Index(Signature.Inputs);
        _outputIndex = Index(Signature.Outputs);
        _runHandles = [_session, _cpuMemoryInfo, _inputNames, _outputNames];
    }

    public ModelSignature Signature { get; }

    public long ApproximateSizeBytes { get; }

    public IReadOnlyList<NamedValue> Run(
        IReadOnlyList<NamedValue> inputs,
        IReadOnlyList<string>? outputNames = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        var inputCount = inputs.Count;
        var outputCount = outputNames?.Count ?? _outputNames.Count;
        var outputSlots = outputNames is null ? null : ResolveOutputs(outputNames);

        var referenced = 0;
        var inNames = inputCount <= 16 ? stackalloc IntPtr[inputCount] : new IntPtr[inputCount];
        var inValues = inputCount <= 16 ? stackalloc IntPtr[inputCount] : new IntPtr[inputCount];
        var outNames = outputCount <= 16 ? stackalloc IntPtr[outputCount] : new IntPtr[outputCount];
        var outValues = outputCount <= 16 ? stackalloc IntPtr[outputCount] : new IntPtr[outputCount];
        inValues.Clear();
        outValues.Clear();
        GCHandle[]? pins = null;
        try
        {
            foreach (var handle in _runHandles)
            {
                var added = false;
                handle.DangerousAddRef(ref added);
                referenced++;
            }

            var memoryInfo = _cpuMemoryInfo.Pointer;
            var seen = _inputNames.Count <= 64 ? stackalloc bool[_inputNames.Count] : new bool[_inputNames.Count];
            seen.Clear();
            for (var i = 0; i < inputCount; i++)
            {
                var input = inputs[i];
                if (input.Name is null || !_inputIndex.TryGetValue(input.Name, out var slot))
                {
                    throw new ModelRunException(
                        $"The model has no input named '{input.Name}' (inputs: {string.Join(", ", _inputIndex.Keys)}).", isInvalidInput: true);
                }

                if (input.Value is not Tensor tensor)
                {
                    throw new ModelRunException(
                        $"Input '{input.Name}' must be a tensor; {input.Value?.GetType().Name ?? "null"} inputs are not supported.", isInvalidInput: true);
                }

                if (seen[slot])
                {
                    throw new ModelRunException($"Input '{input.Name}' is given more than once.", isInvalidInput: true);
                }

                seen[slot] = true;
                inNames[i] = _inputNames.Table[slot];
                try
                {
                    inValues[i] = OrtValueConverter.CreateInput(_api, memoryInfo, tensor, out var pin);
                    if (pin.IsAllocated)
                    {
                        pins ??= new GCHandle[inputCount];
                        pins[i] = pin;
                    }
                }
                catch (OrtException e)
                {
                    throw new ModelRunException($"Input '{input.Name}': {e.Message}", isInvalidInput: true);
                }
            }

            if (inputCount != _inputNames.Count)
            {
                var missing = new List<string>();
                for (var slot = 0; slot < seen.Length; slot++)
                {
                    if (!seen[slot])
                    {
                        missing.Add(Signature.Inputs[slot].Name);
                    }
                }

                throw new ModelRunException($"Missing model input(s): {string.Join(", ", missing)}.", isInvalidInput: true);
            }

            for (var o = 0; o < outputCount; o++)
            {
                outNames[o] = _outputNames.Table[outputSlots is null ? o : outputSlots[o]];
            }

            IntPtr status;
            fixed (IntPtr* pInNames = inNames)
            fixed (IntPtr* pInValues = inValues)
            fixed (IntPtr* pOutNames = outNames)
            fixed (IntPtr* pOutValues = outValues)
            {
                if (cancellationToken.CanBeCanceled)
                {
                    using var runOptions = _api.CreateRunOptions();
                    var options = runOptions.Pointer;
                    using (cancellationToken.UnsafeRegister(static state => ((RunTerminator)state!).Terminate(), new RunTerminator(_api, options)))
                    {
                        status = _api.Run(_session.Pointer, options, pInNames, pInValues, inputCount, pOutNames, outputCount, pOutValues);
                    }
                }
                else
                {
                    status = _api.Run(_session.Pointer, IntPtr.Zero, pInNames, pInValues, inputCount, pOutNames, outputCount, pOutValues);
                }
            }

            if (status != IntPtr.Zero)
            {
                var error = _api.ToException(status);
                cancellationToken.ThrowIfCancellationRequested();
                throw new ModelRunException(error.Message, IsInvalidInput(error.Code));
            }

            var results = new NamedValue[outputCount];
            for (var o = 0; o < outputCount; o++)
            {
                var name = Signature.Outputs[outputSlots is null ? o : outputSlots[o]].Name;
                try
                {
                    results[o] = new NamedValue(name, OrtValueConverter.ToModelValue(_api, outValues[o]));
                }
                catch (OrtException e)
                {
                    throw new ModelRunException($"Output '{name}': {e.Message}", isInvalidInput: false);
                }
            }

            return results;
        }
        finally
        {
            for (var i = 0; i < inputCount; i++)
            {
                if (inValues[i] != IntPtr.Zero)
                {
                    _api.ReleaseValue(inValues[i]);
                }
            }

            for (var o = 0; o < outputCount; o++)
            {
                if (outValues[o] != IntPtr.Zero)
                {
                    _api.ReleaseValue(outValues[o]);
                }
            }

            if (pins is not null)
            {
                foreach (var pin in pins)
                {
                    if (pin.IsAllocated)
                    {
                        pin.Free();
                    }
                }
            }

            for (var h = 0; h < referenced; h++)
            {
                _runHandles[h].DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _inputNames.Dispose();
        _outputNames.Dispose();
        _cpuMemoryInfo.Dispose();
    }

    /// <summary>
    /// ORT's INVALID_ARGUMENT is what it returns for inputs that do not match the model (unknown or missing names,
    /// wrong element type, rank or fixed dimension). Everything else, INVALID_GRAPH included, is the model's or ours.
    /// </summary>
    private static bool IsInvalidInput(OrtErrorCode code) => code == OrtErrorCode.InvalidArgument;

    private static Dictionary<string, int> Index(IReadOnlyList<ValueSpec> specs)
    {
        var index = new Dictionary<string, int>(specs.Count, StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            index[specs[i].Name] = i;
        }

        return index;
    }

    private int[] ResolveOutputs(IReadOnlyList<string> names)
    {
        var slots = new int[names.Count];
        for (var o = 0; o < names.Count; o++)
        {
            if (names[o] is null || !_outputIndex.TryGetValue(names[o], out slots[o]))
            {
                throw new ModelRunException(
                    $"The model has no output named '{names[o]}' (outputs: {string.Join(", ", _outputIndex.Keys)}).", isInvalidInput: true);
            }
        }

        return slots;
    }

    /// <summary>Calls <c>RunOptionsSetTerminate</c> when the caller's token is cancelled.</summary>
    private sealed class RunTerminator(OrtApi api, IntPtr runOptions)
    {
        public void Terminate() => api.RunOptionsSetTerminate(runOptions);
    }
}
