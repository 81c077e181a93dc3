#!/usr/bin/python3
"""Builds the tiny ONNX models the ModelOps.Onnx unit tests use (run with Debian's python3-onnx):

    /usr/bin/python3 tests/ModelOps.Onnx.Tests/Models/make_models.py

The generated .onnx files are committed next to this script; rerun it only to change them.
"""
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 17)]
IR_VERSION = 8

TYPES = {
    "bool": TensorProto.BOOL,
    "uint8": TensorProto.UINT8,
    "uint16": TensorProto.UINT16,
    "uint32": TensorProto.UINT32,
    "uint64": TensorProto.UINT64,
    "int8": TensorProto.INT8,
    "int16": TensorProto.INT16,
    "int32": TensorProto.INT32,
    "int64": TensorProto.INT64,
    "float16": TensorProto.FLOAT16,
    "bfloat16": TensorProto.BFLOAT16,
    "float": TensorProto.FLOAT,
    "double": TensorProto.DOUBLE,
    "string": TensorProto.STRING,
}


def save(model, name, check=True):
    # onnx 1.12's checker insists on a declared shape, which the any-rank identity models deliberately omit.
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name))


def model(graph, **kwargs):
    m = helper.make_model(graph, opset_imports=OPSET, producer_name="modelops-tests", **kwargs)
    m.ir_version = IR_VERSION
    return m


# identity_<type>.onnx: y = x for a tensor of any shape (rank not declared).
for name, elem in TYPES.items():
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])],
        f"identity_{name}",
        [helper.make_tensor_value_info("x", elem, None)],
        [helper.make_tensor_value_info("y", elem, None)],
    )
    save(model(graph), f"identity_{name}.onnx", check=False)

# cast_float16_to_float.onnx: y = float(x).
graph = helper.make_graph(
    [helper.make_node("Cast", ["x"], ["y"], to=TensorProto.FLOAT)],
    "cast_float16_to_float",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT16, ["n"])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n"])],
)
save(model(graph), "cast_float16_to_float.onnx")

# add_mul.onnx: sum = a + b, product = a * b over float[batch, 4]; two inputs, two outputs, a symbolic batch dim.
graph = helper.make_graph(
    [helper.make_node("Add", ["a", "b"], ["sum"]), helper.make_node("Mul", ["a", "b"], ["product"])],
    "add_mul",
    [
        helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 4]),
        helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 4]),
    ],
    [
        helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 4]),
        helper.make_tensor_value_info("product", TensorProto.FLOAT, ["batch", 4]),
    ],
)
save(model(graph), "add_mul.onnx")

# metadata.onnx: every metadata field set; input dims: symbolic, unnamed-unknown and fixed.
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", None, 3])
graph = helper.make_graph(
    [helper.make_node("Relu", ["x"], ["y"])],
    "metadata_graph",
    [x],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", None, 3])],
)
m = model(graph, doc_string="A model that carries metadata", domain="ai.modelops.tests", model_version=7)
helper.set_model_props(m, {"author": "ModelOps", "licence": "MIT", "unicode": "ünïcødé ✓"})
save(m, "metadata.onnx")

# slow_matmul.onnx: 40 chained MatMuls of a [n, n] input with itself (about 2 GFLOP each at n = 1024), for cancellation.
nodes = []
previous = "x"
for i in range(40):
    out = "y" if i == 39 else f"m{i}"
    nodes.append(helper.make_node("MatMul", [previous, "x"], [out]))
    previous = out
graph = helper.make_graph(
    nodes,
    "slow_matmul",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", "n"])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", "n"])],
)
save(model(graph), "slow_matmul.onnx")

def map_type(key, value):
    # onnx 1.12's helper has no make_map_type_proto.
    t = onnx.TypeProto()
    t.map_type.key_type = key
    t.map_type.value_type.CopyFrom(value)
    return t


# zipmap_strings.onnx: ai.onnx.ml ZipMap over float[batch, 3] with string labels -> seq(map(string, float)).
graph = helper.make_graph(
    [helper.make_node("ZipMap", ["scores"], ["rows"], domain="ai.onnx.ml", classlabels_strings=["cat", "dog", "émeu"])],
    "zipmap_strings",
    [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 3])],
    [helper.make_value_info("rows", helper.make_sequence_type_proto(map_type(TensorProto.STRING, helper.make_tensor_type_proto(TensorProto.FLOAT, None))))],
)
m = helper.make_model(graph, opset_imports=OPSET + [helper.make_opsetid("ai.onnx.ml", 1)], producer_name="modelops-tests")
m.ir_version = IR_VERSION
save(m, "zipmap_strings.onnx", check=False)

# sequence.onnx: SequenceConstruct(a, b) -> seq(tensor(int64)), plus its length as an int64 scalar.
graph = helper.make_graph(
    [
        helper.make_node("SequenceConstruct", ["a", "b"], ["items"]),
        helper.make_node("SequenceLength", ["items"], ["count"]),
    ],
    "sequence",
    [
        helper.make_tensor_value_info("a", TensorProto.INT64, ["n"]),
        helper.make_tensor_value_info("b", TensorProto.INT64, ["m"]),
    ],
    [
        helper.make_value_info("items", helper.make_sequence_type_proto(helper.make_tensor_type_proto(TensorProto.INT64, None))),
        helper.make_tensor_value_info("count", TensorProto.INT64, []),
    ],
)
save(model(graph), "sequence.onnx", check=False)

# prebind_mixed.onnx: outputs whose shapes are known before a run (same: [batch, 4] from the input's symbol; shape: a
# fixed [2]) next to one that depends on the data (nonzero: [2, unnamed]), for the pre-bound and ORT-allocated paths.
graph = helper.make_graph(
    [
        helper.make_node("Identity", ["x"], ["same"]),
        helper.make_node("Shape", ["x"], ["shape"]),
        helper.make_node("NonZero", ["x"], ["nonzero"]),
    ],
    "prebind_mixed",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
    [
        helper.make_tensor_value_info("same", TensorProto.FLOAT, ["batch", 4]),
        helper.make_tensor_value_info("shape", TensorProto.INT64, [2]),
        helper.make_tensor_value_info("nonzero", TensorProto.INT64, [2, None]),
    ],
)
save(model(graph), "prebind_mixed.onnx")

# lying_shape.onnx: y = Reshape(x, s) over float[batch, 4], declared [batch, 4], but s (an input) decides: a signature that
# ORT cannot check when it loads the model and that pre-binding must therefore not trust blindly.
graph = helper.make_graph(
    [helper.make_node("Reshape", ["x", "s"], ["y"])],
    "lying_shape",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4]), helper.make_tensor_value_info("s", TensorProto.INT64, [2])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4])],
)
save(model(graph), "lying_shape.onnx")
