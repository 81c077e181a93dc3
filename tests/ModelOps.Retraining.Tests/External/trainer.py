#!/usr/bin/python3
"""A small external trainer for the tests: least-squares logistic-ish scores on numeric features, exported as ONNX.

Reads MODELOPS_TRAIN_DATA, MODELOPS_OUTPUT_DIR, MODELOPS_PARAMETERS, MODELOPS_LABEL, MODELOPS_FEATURES, and its
arguments "--mode MODE" (the declared placeholder {param:mode}, as the operator's configuration in the tests declares it)
and "--marker TEXT" (from its declared environment, MODELOPS_TEST_MARKER). The mode makes it fail on purpose: "exit"
(exit code 3), "hang" (sleeps), "nomodel", "badsig" (wrong input).
"""
import csv
import json
import os
import sys
import time

import numpy as np
import onnx
from onnx import TensorProto, helper

params = json.loads(os.environ["MODELOPS_PARAMETERS"])
mode = sys.argv[sys.argv.index("--mode") + 1] if "--mode" in sys.argv else "ok"
if mode != params.get("mode", "ok"):
    sys.exit(f"--mode {mode} disagrees with the parameters file {params}")
if os.environ.get("MODELOPS_TEST_MARKER") != "declared":
    sys.exit("the declared environment did not reach the trainer")
out = os.environ["MODELOPS_OUTPUT_DIR"]
label = os.environ["MODELOPS_LABEL"]
features = json.loads(os.environ["MODELOPS_FEATURES"])
print(f"external trainer: mode={mode} features={features}", flush=True)

if mode == "exit":
    print("external trainer: giving up on purpose", file=sys.stderr)
    sys.exit(3)
if mode == "hang":
    time.sleep(600)

with open(os.environ["MODELOPS_TRAIN_DATA"], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
numeric = []
for c in features:
    try:
        [float(r[c]) for r in rows if r[c] != ""]
        numeric.append(c)
    except ValueError:
        pass
classes = sorted({r[label] for r in rows})
x = np.array([[float(r[c]) if r[c] != "" else 0.0 for c in numeric] for r in rows], dtype=np.float64)
y = np.array([1.0 if r[label] == classes[1] else -1.0 for r in rows])
a = np.hstack([x, np.ones((len(rows), 1))])
w = np.linalg.lstsq(a, y, rcond=None)[0] * 3.0

if mode == "nomodel":
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump({"auc": 0.99}, f)
    sys.exit(0)

names = list(features) if mode != "badsig" else ["not_a_column"] + list(features[1:])
inputs = []
nodes = []
scored = []
for i, name in enumerate(names):
    kind = TensorProto.FLOAT if (name in numeric or mode == "badsig") else TensorProto.STRING
    inputs.append(helper.make_tensor_value_info(name, kind, [None, 1]))
    if name in numeric:
        scored.append(name)
if mode == "badsig":
    scored = names[:1] + [n for n in names[1:] if n in numeric]
weights = [float(w[numeric.index(n)]) if n in numeric else 0.0 for n in scored]
nodes.append(helper.make_node("Concat", scored, ["xcat"], axis=1))
init = [
    helper.make_tensor("w", TensorProto.FLOAT, [len(scored), 1], weights),
    helper.make_tensor("b", TensorProto.FLOAT, [1], [float(w[-1])]),
    helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0]),
]
nodes += [
    helper.make_node("MatMul", ["xcat", "w"], ["s0"]),
    helper.make_node("Add", ["s0", "b"], ["s"]),
    helper.make_node("Sigmoid", ["s"], ["p1"]),
    helper.make_node("Sub", ["one", "p1"], ["p0"]),
    helper.make_node("Concat", ["p0", "p1"], ["probabilities"], axis=1),
]
graph = helper.make_graph(nodes, "external", inputs,
                          [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])], init)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="test-external-trainer")
model.ir_version = 8
helper.set_model_props(model, {"modelops.classes": json.dumps(classes)})
onnx.checker.check_model(model)
onnx.save(model, os.path.join(out, "model.onnx"))
with open(os.path.join(out, "metrics.json"), "w") as f:
    json.dump({"auc": 0.999, "note": "self-reported, never trusted"}, f)
print("external trainer: wrote model.onnx", flush=True)
