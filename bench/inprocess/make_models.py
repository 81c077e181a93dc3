#!/usr/bin/python3
"""Builds the two benchmark models (run with Debian's python3-onnx and numpy; outputs are committed):

    /usr/bin/python3 bench/inprocess/make_models.py

- logreg.onnx: logistic regression, x float[batch, 30] -> MatMul W[30, 2] + b -> Softmax -> probabilities float[batch, 2]
- mlp.onnx:    x float[batch, 20] -> Gemm 64 -> Relu -> Gemm 32 -> Relu -> Gemm 3 -> logits float[batch, 3]
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")
rng = np.random.default_rng(20261122)


def init(name, *shape):
    return numpy_helper.from_array((rng.standard_normal(shape) * 0.3).astype(np.float32), name)


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="modelops-bench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name))


save(
    helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "W"], ["xw"]),
            helper.make_node("Add", ["xw", "b"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=-1),
        ],
        "logreg",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 30])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2])],
        [init("W", 30, 2), init("b", 2)],
    ),
    "logreg.onnx",
)

save(
    helper.make_graph(
        [
            helper.make_node("Gemm", ["x", "W1", "b1"], ["h1"], transB=1),
            helper.make_node("Relu", ["h1"], ["a1"]),
            helper.make_node("Gemm", ["a1", "W2", "b2"], ["h2"], transB=1),
            helper.make_node("Relu", ["h2"], ["a2"]),
            helper.make_node("Gemm", ["a2", "W3", "b3"], ["logits"], transB=1),
        ],
        "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 20])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 3])],
        [init("W1", 64, 20), init("b1", 64), init("W2", 32, 64), init("b2", 32), init("W3", 3, 32), init("b3", 3)],
    ),
    "mlp.onnx",
)
