#!/usr/bin/python3
"""Builds the batching tests' model (run with Debian's python3-onnx; the output is committed):

    /usr/bin/python3 tests/ModelOps.Core.Tests/Inference/Batching/Models/make_models.py

- column_sums.onnx: x float[N, 4] -> ReduceSum over the rows (keepdims) -> sums float[N, 4] as declared, [1, 4] as
  computed: a model whose rows depend on each other and whose output does not have a row per input row, so a batch of
  it cannot be split back.
"""
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
graph = helper.make_graph(
    [helper.make_node("ReduceSum", ["x", "axes"], ["sums"], keepdims=1)],
    "column_sums",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
    [helper.make_tensor_value_info("sums", TensorProto.FLOAT, ["N", 4])],
    [helper.make_tensor("axes", TensorProto.INT64, [1], [0])],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="modelops-tests")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "column_sums.onnx"))
