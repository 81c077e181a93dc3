using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using ModelOps.Tensors;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace ModelOps.Onnx;

/// <summary>
/// What one run at a time needs besides the session: its <see cref="RunOptions"/> (terminated on cancellation), the input
/// values over the request's pinned arrays, and an <see cref="OrtIoBinding"/> whose outputs stay bound to buffers on the
/// pinned object heap from run to run (rebound only when an output's shape changes). A session pools these, so
/// concurrent runs never share one and a warm run allocates nothing here.
/// </summary>
internal sealed class RunContext : IDisposable
{
    private readonly BoundOutput?[] _outputs;
    private readonly GCHandle[] _pins;
    private int[] _boundSlots = [];
    private bool _inputsBound;

    public RunContext(InferenceSession session, int inputCount, int outputCount, bool canPreBind)
    {
        RunOptions = new RunOptions();
        Binding = canPreBind ? session.CreateIoBinding() : null;
        Inputs = new OrtValue[inputCount];
        Tensors = new Tensor[inputCount];
        _pins = new GCHandle[inputCount];
        _outputs = new BoundOutput?[outputCount];
        OutputShapes = new long[outputCount][];
    }

    public RunOptions RunOptions { get; }

    /// <summary>Null when the model has no output whose shape is known before a run.</summary>
    public OrtIoBinding? Binding { get; }

    /// <summary>This run's input values, by input slot.</summary>
    public OrtValue[] Inputs { get; }

    /// <summary>This run's input tensors, by input slot.</summary>
    public Tensor[] Tensors { get; }

    /// <summary>This run's pre-computed output shapes, by output slot (scratch space for the session).</summary>
    public long[][] OutputShapes { get; }

    /// <summary>
    /// Wraps <paramref name="tensor"/> as input <paramref name="slot"/>: numeric arrays are pinned and used in place,
    /// strings are copied into an ORT string tensor.
    /// </summary>
    public void SetInput(int slot, Tensor tensor)
    {
        Tensors[slot] = tensor;
        if (tensor.ElementType == TensorElementType.String)
        {
            var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, tensor.Shape);
            Inputs[slot] = value;
            var strings = (string[])tensor.Data;
            for (var i = 0; i < strings.Length; i++)
            {
                value.StringTensorSetElementAt((strings[i] ?? string.Empty).AsSpan(), i);
            }

            return;
        }

        _pins[slot] = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
        Inputs[slot] = OrtValue.CreateTensorValueWithData(
            OrtMemoryInfo.DefaultInstance,
            OnnxElementTypes.ToOrt(tensor.ElementType),
            tensor.Shape,
            _pins[slot].AddrOfPinnedObject(),
            (long)tensor.Length * tensor.ElementType.ElementSize());
    }

    /// <summary>Binds every input set by <see cref="SetInput"/> to <see cref="Binding"/>.</summary>
    public void BindInputs(IReadOnlyList<string> names)
    {
        _inputsBound = true;
        for (var slot = 0; slot < Inputs.Length; slot++)
        {
            Binding!.BindInput(names[slot], Inputs[slot]);
        }
    }

    /// <summary>
    /// Makes <paramref name="slots"/> the bound outputs, each with the shape in <see cref="OutputShapes"/>, keeping every
    /// binding whose output and shape are unchanged since the last run.
    /// </summary>
    public void BindOutputs(ReadOnlySpan<int> slots, IReadOnlyList<string> names, OrtElementType[] types, int[] elementSizes)
    {
        var binding = Binding!;
        if (!slots.SequenceEqual(_boundSlots))
        {
            binding.ClearBoundOutputs();
            foreach (var output in _outputs)
            {
                output?.Unbind();
            }

            _boundSlots = slots.ToArray();
        }

        foreach (var slot in slots)
        {
            var shape = OutputShapes[slot];
            var output = _outputs[slot] ??= new BoundOutput();
            if (output.IsBound && shape.AsSpan().SequenceEqual(output.Shape))
            {
                continue;
            }

            output.Rebind(shape, types[slot], elementSizes[slot]);
            binding.BindOutput(names[slot], output.Value!);
        }
    }

    /// <summary>The bytes ORT wrote to bound output <paramref name="slot"/>.</summary>
    public ReadOnlySpan<byte> OutputBytes(int slot, int byteLength) => _outputs[slot]!.Buffer.AsSpan(0, byteLength);

    /// <summary>Drops this run's inputs: unbinds them, releases their values and unpins the request's arrays.</summary>
    public void ReleaseInputs()
    {
        if (_inputsBound)
        {
            Binding!.ClearBoundInputs();
            _inputsBound = false;
        }

        for (var slot = 0; slot < Inputs.Length; slot++)
        {
            Inputs[slot]?.Dispose();
            Inputs[slot] = null!;
            Tensors[slot] = null!;
            if (_pins[slot].IsAllocated)
            {
                _pins[slot].Free();
            }
        }
    }

    public void Dispose()
    {
        ReleaseInputs();
        foreach (var output in _outputs)
        {
            output?.Unbind();
        }

        Binding?.Dispose();
        RunOptions.Dispose();
    }

    /// <summary>An output buffer on the pinned object heap and the ORT tensor over it, with the shape it was bound with.</summary>
    private sealed class BoundOutput
    {
        public byte[] Buffer { get; private set; } = [];

        public long[] Shape { get; private set; } = [];

        public OrtValue? Value { get; private set; }

        public bool IsBound => Value is not null;

        public void Rebind(long[] shape, OrtElementType type, int elementSize)
        {
            Unbind();
            var bytes = checked((int)Tensor.ElementCount(shape) * elementSize);
            if (Buffer.Length < Math.Max(bytes, 1))
            {
                Buffer = GC.AllocateUninitializedArray<byte>(Math.Max(bytes, 1), pinned: true);
            }

            Shape = (long[])shape.Clone();
            Value = OrtValue.CreateTensorValueWithData(
                OrtMemoryInfo.DefaultInstance, type, Shape, Marshal.UnsafeAddrOfPinnedArrayElement(Buffer, 0), Buffer.Length);
        }

        public void Unbind()
        {
            Value?.Dispose();
            Value = null;
        }
    }
}
