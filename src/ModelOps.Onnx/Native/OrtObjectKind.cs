namespace ModelOps.Onnx.Native;

/// <summary>Which ORT object an <see cref="OrtHandle"/> owns, and so which release function frees it.</summary>
internal enum OrtObjectKind
{
    Env,
    SessionOptions,
    Session,
    Value,
    MemoryInfo,
    TypeInfo,
    TensorTypeAndShapeInfo,
    RunOptions,
    ModelMetadata,
    CudaProviderOptions,

    /// <summary>A buffer (a string, an array of strings) that ORT allocated with its default allocator.</summary>
    AllocatorMemory,
}
