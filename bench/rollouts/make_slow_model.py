#!/usr/bin/python3
"""Writes a deliberately slow model with the signature of bench/inprocess/models/mlp.onnx (x float[batch, 20] ->
logits float[batch, 3]) to the path given, for the guardrail part of bench/rollouts/run.sh (Debian's python3-onnx and
numpy; seeded):

    /usr/bin/python3 bench/rollouts/make_slow_model.py /tmp/slow.onnx [ITERATIONS]

x -> Gemm 256 -> Loop ITERATIONS times (default 300) { h = Tanh(h @ W) } -> Gemm 3 -> logits: a few tens of milliseconds a
row on one core, so its p99 latency breaches the default guardrail (1.5 x the baseline's + 5 ms).
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(20261205)
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 300


def init(name, *shape):
    return numpy_helper.from_array((rng.standard_normal(shape) * (1.0 / np.sqrt(shape[-1]))).astype(np.float32), name)


body = helper.make_graph(
    [
        helper.make_node("MatMul", ["h_in", "W"], ["m"]),
        helper.make_node("Tanh", ["m"], ["h_out"]),
        helper.make_node("Identity", ["cond_in"], ["cond_out"]),
    ],
    "spin",
    [
        helper.make_tensor_value_info("i", TensorProto.INT64, []),
        helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
        helper.make_tensor_value_info("h_in", TensorProto.FLOAT, ["batch", 256]),
    ],
    [
        helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
        helper.make_tensor_value_info("h_out", TensorProto.FLOAT, ["batch", 256]),
    ],
)
graph = helper.make_graph(
    [
        helper.make_node("Gemm", ["x", "W1", "b1"], ["h0"], transB=1),
        helper.make_node("Loop", ["trips", "keep_going", "h0"], ["h"], body=body),
        helper.make_node("Gemm", ["h", "W3", "b3"], ["logits"], transB=1),
    ],
    "slow",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 20])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 3])],
    [
        init("W1", 256, 20), init("b1", 256), init("W", 256, 256), init("W3", 3, 256), init("b3", 3),
        numpy_helper.from_array(np.array(iterations, dtype=np.int64), "trips"),
        numpy_helper.from_array(np.array(True), "keep_going"),
    ],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="modelops-bench")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
