#!/usr/bin/python3
"""Writes the batching benchmark's mid-size model to the path given (Debian's python3-onnx and numpy; seeded):

    /usr/bin/python3 bench/batching/make_model.py /tmp/mlp_large.onnx
    /usr/bin/python3 bench/batching/make_model.py /tmp/floor.onnx --floor

x float[batch, 256] -> Gemm 1024 -> Relu -> Gemm 1024 -> Relu -> Gemm 10 -> logits float[batch, 10] (about 5 MB).
With --floor: x float[batch, 256] -> Gemm 10 -> logits, the same request and answer at almost no model cost, so its
throughput is what the HTTP path alone allows (the most any batching can reach).
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(20261204)


def init(name, *shape):
    return numpy_helper.from_array((rng.standard_normal(shape) * (1.0 / np.sqrt(shape[-1]))).astype(np.float32), name)


floor = "--floor" in sys.argv[2:]
layers = [("W3", 10, 256)] if floor else [("W1", 1024, 256), ("W2", 1024, 1024), ("W3", 10, 1024)]
graph = helper.make_graph(
    [helper.make_node("Gemm", ["x", "W3", "b3"], ["logits"], transB=1)] if floor else [
        helper.make_node("Gemm", ["x", "W1", "b1"], ["h1"], transB=1),
        helper.make_node("Relu", ["h1"], ["a1"]),
        helper.make_node("Gemm", ["a1", "W2", "b2"], ["h2"], transB=1),
        helper.make_node("Relu", ["h2"], ["a2"]),
        helper.make_node("Gemm", ["a2", "W3", "b3"], ["logits"], transB=1),
    ],
    "mlp_large",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 256])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])],
    [t for name, rows, cols in layers for t in (init(name, rows, cols), init("b" + name[1], rows))],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="modelops-bench")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
