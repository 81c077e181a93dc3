// Loads ONNX models with onnxruntime-node (ONNX Runtime's own Node binding) and prints whether ONNX Runtime itself
// accepts them. Used to confirm that a conformance case ModelOps.Onnx fails also fails in ONNX Runtime, with the same
// error.
//
//   node bench/inprocess/ort-node-check.js <model.onnx> [more.onnx ...]
'use strict';
const path = require('path');
const ort = require(path.resolve(__dirname, '../../node_modules/onnxruntime-node'));

(async () => {
  let failures = 0;
  for (const model of process.argv.slice(2)) {
    try {
      const session = await ort.InferenceSession.create(model);
      console.log(`OK    ${model} inputs=${session.inputNames.join(',')} outputs=${session.outputNames.join(',')}`);
    } catch (e) {
      failures++;
      console.log(`FAIL  ${model}: ${e.message}`);
    }
  }
  process.exitCode = failures > 0 ? 1 : 0;
})();
