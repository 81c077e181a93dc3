// Times onnxruntime-node's session.run (ONNX Runtime 1.30 through its own Node binding) on the benchmark models,
// batch 1 and 64, and prints one JSON line per case with the median microseconds per call. Inputs are built once;
// each call is timed on its own.
//
//   node bench/inprocess/node-bench.js [iterations]
'use strict';
const path = require('path');
const ort = require(path.resolve(__dirname, '../../node_modules/onnxruntime-node'));

const iterations = Number(process.argv[2] || 5000);
const warmup = Math.max(200, Math.floor(iterations / 10));
const cases = [
  { model: 'logreg', features: 30 },
  { model: 'mlp', features: 20 },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

(async () => {
  for (const c of cases) {
    // One intra-op and one inter-op thread, as InferenceBenchmarks.cs sets for ours.
    const session = await ort.InferenceSession.create(path.join(__dirname, 'models', `${c.model}.onnx`), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    for (const batch of [1, 64]) {
      const data = Float32Array.from({ length: batch * c.features }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
      const feeds = { x: new ort.Tensor('float32', data, [batch, c.features]) };
      for (let i = 0; i < warmup; i++) await session.run(feeds);
      const times = new Array(iterations);
      for (let i = 0; i < iterations; i++) {
        const start = process.hrtime.bigint();
        await session.run(feeds);
        times[i] = Number(process.hrtime.bigint() - start) / 1000;
      }
      console.log(JSON.stringify({ runtime: 'onnxruntime-node', model: c.model, batch, iterations, medianMicroseconds: median(times) }));
    }
    await session.release();
  }
})();
