namespace ModelOps.Training.Onnx;

/// <summary>
/// Collects a graph's inputs, outputs, initializers and nodes and writes the ModelProto (IR version 8,
/// opsets ai.onnx 17 and ai.onnx.ml 3) by hand from onnx.proto's field numbers.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public const long IrVersion = 8;
    public const long OnnxOpset = 17;
    public const long MlOpset = 3;
    public const string MlDomain = "ai.onnx.ml";

    private readonly List<(string Name, int ElementType, long?[] Dims)> _inputs = [];
    private readonly List<(string Name, int ElementType, long?[] Dims)> _outputs = [];
    private readonly List<(string Name, int ElementType, long?[] Dims)> _valueInfos = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<(string OpType, string Domain, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes)> _nodes = [];
    private int _nextName;

    /// <summary>A fresh intermediate name with a readable prefix.</summary>
    public string Name(string prefix) => $"{prefix}_{_nextName++}";

    /// <summary>Declares a graph input; a null dimension is the dynamic batch dimension <c>N</c>.</summary>
    public void Input(string name, int elementType, params long?[] dims) => _inputs.Add((name, elementType, dims));

    public void Output(string name, int elementType, params long?[] dims) => _outputs.Add((name, elementType, dims));

    /// <summary>Declares an intermediate value's type, for ops whose shape inference older ONNX versions lack.</summary>
    public void ValueInfo(string name, int elementType, params long?[] dims) => _valueInfos.Add((name, elementType, dims));

    public string Initializer(OnnxTensor tensor)
    {
        _initializers.Add(tensor);
        return tensor.Name;
    }

    public void Node(string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes) =>
        _nodes.Add((opType, "", inputs, outputs, attributes));

    public void MlNode(string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes) =>
        _nodes.Add((opType, MlDomain, inputs, outputs, attributes));

    /// <summary>Serializes the model. ModelProto: ir_version = 1, producer_name = 2, producer_version = 3,
    /// graph = 7, opset_import = 8, metadata_props = 14.</summary>
    public byte[] ToModel(string graphName, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var model = new ProtoWriter();
        model.Int64(1, IrVersion);
        model.String(2, "ModelOps.Training");
        model.String(3, typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "1.0.0");
        model.Message(7, graph => WriteGraph(graph, graphName));
        model.Message(8, opset =>
        {
            opset.String(1, "");
            opset.Int64(2, OnnxOpset);
        });
        model.Message(8, opset =>
        {
            opset.String(1, MlDomain);
            opset.Int64(2, MlOpset);
        });
        foreach (var (key, value) in metadata)
        {
            model.Message(14, entry =>
            {
                entry.String(1, key);
                entry.String(2, value);
            });
        }

        return model.ToArray();
    }

    /// <summary>GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12, value_info = 13.</summary>
    private void WriteGraph(ProtoWriter graph, string graphName)
    {
        var nodeIndex = 0;
        foreach (var (opType, domain, inputs, outputs, attributes) in _nodes)
        {
            var name = $"{opType}_{nodeIndex++}";
            graph.Message(1, node =>
            {
                // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7.
                foreach (var input in inputs)
                {
                    node.String(1, input);
                }

                foreach (var output in outputs)
                {
                    node.String(2, output);
                }

                node.String(3, name);
                node.String(4, opType);
                foreach (var attribute in attributes)
                {
                    node.Message(5, attribute.WriteTo);
                }

                if (domain.Length > 0)
                {
                    node.String(7, domain);
                }
            });
        }

        graph.String(2, graphName);
        foreach (var initializer in _initializers)
        {
            graph.Message(5, initializer.WriteTo);
        }

        foreach (var input in _inputs)
        {
            graph.Message(11, info => WriteValueInfo(info, input.Name, input.ElementType, input.Dims));
        }

        foreach (var output in _outputs)
        {
            graph.Message(12, info => WriteValueInfo(info, output.Name, output.ElementType, output.Dims));
        }

        foreach (var value in _valueInfos)
        {
            graph.Message(13, info => WriteValueInfo(info, value.Name, value.ElementType, value.Dims));
        }
    }

    /// <summary>ValueInfoProto: name = 1, type = 2; TypeProto: tensor_type = 1; TypeProto.Tensor: elem_type = 1, shape = 2;
    /// TensorShapeProto: dim = 1; Dimension: dim_value = 1, dim_param = 2.</summary>
    private static void WriteValueInfo(ProtoWriter info, string name, int elementType, long?[] dims)
    {
        info.String(1, name);
        info.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, elementType);
            tensor.Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>
                    {
                        if (dim is { } value)
                        {
                            d.Int64(1, value);
                        }
                        else
                        {
                            d.String(2, "N");
                        }
                    });
                }
            });
        }));
    }
}
