// Runs the classic-ML models of shared/data/onnx-models that have no expected outputs in EXPECTED.json through
// onnxruntime-node (ONNX Runtime 1.30.0 through its own Node binding) with fixed inputs, and
// writes the inputs and ORT's outputs to onnx-models-reference.json. OnnxModelsConformanceTests runs the same inputs
// through ModelOps.Onnx (ORT 1.32 through its .NET API) and expects the same outputs within float tolerance.
//
//   node tests/ModelOps.Onnx.Tests/Conformance/Reference/make-onnx-models-reference.js
'use strict';
const fs = require('fs');
const path = require('path');
const repo = path.resolve(__dirname, '../../../..');
const ort = require(path.join(repo, 'node_modules/onnxruntime-node'));
const models = path.resolve(repo, '../shared/data/onnx-models');

// A small deterministic generator, so the inputs are reproducible without storing them twice.
let seed = 12345;
const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const floats = (n, scale) => Array.from({ length: n }, () => Math.fround((next() * 2 - 1) * scale));

const cases = [
  { model: 'sklearn-onnx__treecl.onnx', inputs: { input: ['float32', [5, 20], floats(100, 3)] } },
  { model: 'sklearn-onnx__treecl2.onnx', inputs: { input: ['float32', [5, 20], floats(100, 3)] } },
  { model: 'sklearn-onnx__treecl3.onnx', inputs: { input: ['float32', [5, 10], floats(50, 3)] } },
  { model: 'onnxmltools__test_xgb.onnx', inputs: { X: ['float32', [4, 4], floats(16, 5)] } },
  {
    model: 'onnxmltools__coreml_OneHotEncoder_BikeSharing.onnx',
    inputs: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7', '8'].map((n, i) => [n, ['int64', [1], [(i * 3) % 5]]])),
  },
  {
    model: 'mlnet__MultiClassificationLogisticRegressionSaveModelToOnnxTest.onnx',
    inputs: { Label: ['string', [1, 1], ['3']], Features: ['float32', [1, 8], [5, 1, 1, 1, 2, 1, 3, 1]] },
  },
  { model: 'onnxruntime_go__example_0_dim_output.onnx', inputs: { x: ['float32', [2, 8], floats(16, 1)] } },
];

const toTensor = ([type, dims, data]) => {
  switch (type) {
    case 'float32': return new ort.Tensor(type, Float32Array.from(data), dims);
    case 'int64': return new ort.Tensor(type, BigInt64Array.from(data.map(BigInt)), dims);
    case 'string': return new ort.Tensor(type, data, dims);
    default: throw new Error(`input type ${type}`);
  }
};

const fromTensor = (t) => ({
  type: t.type,
  dims: Array.from(t.dims),
  data: Array.from(t.data, (v) => (typeof v === 'bigint' ? Number(v) : v)),
});

(async () => {
  const out = {};
  for (const c of cases) {
    const session = await ort.InferenceSession.create(path.join(models, c.model));
    const feeds = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, toTensor(v)]));
    const results = await session.run(feeds);
    out[c.model] = {
      inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, [type, dims, data]]) => [k, { type, dims, data }])),
      outputs: Object.fromEntries(session.outputNames.map((n) => [n, fromTensor(results[n])])),
    };
  }

  const file = path.join(__dirname, 'onnx-models-reference.json');
  fs.writeFileSync(file, JSON.stringify({ generator: 'onnxruntime-node ' + require(path.join(repo, 'node_modules/onnxruntime-node/package.json')).version, models: out }, null, 1) + '\n');
  console.log(`wrote ${file}`);
})();
