using Microsoft.Extensions.Options;

namespace ModelOps.Onnx;

/// <summary>Validates <see cref="OnnxRuntimeOptions"/> from its data annotations (source-generated).</summary>
[OptionsValidator]
public sealed partial class OnnxRuntimeOptionsValidator : IValidateOptions<OnnxRuntimeOptions>;
