#!/usr/bin/env bash
# In-process inference benchmark: our C# binding's IModelSession.Run (BenchmarkDotNet, in-process toolchain) against
# onnxruntime-node's session.run, on the same models (bench/inprocess/models) and the same libonnxruntime.so.1.
# Prints median microseconds per call and the ratio ours / onnxruntime-node (below 1 = ours is faster).
# Takes about a minute on two cores. Results land in bench/inprocess/BenchmarkDotNet.Artifacts/ (ignored by git).
#
#   bench/inprocess/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/BenchmarkDotNet.Artifacts"
mkdir -p "$out"

if [[ ! -f "$repo/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1" ]]; then
  (cd "$repo" && npm ci --ignore-scripts)
fi

echo "== onnxruntime-node session.run (5000 timed calls per case)"
node "$here/node-bench.js" 5000 | tee "$out/node.jsonl"

echo "== ModelOps.Onnx IModelSession.Run (BenchmarkDotNet, in-process)"
dotnet build -c Release "$repo/bench/ModelOps.Benchmarks" -v quiet -nologo >/dev/null
rm -rf "$out/bdn"
dotnet "$repo/bench/ModelOps.Benchmarks/bin/Release/net10.0/ModelOps.Benchmarks.dll" \
  --filter '*InferenceBenchmarks*' --inProcess --warmupCount 5 --iterationCount 15 --iterationTime 200 \
  --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 || { tail -40 "$out/bdn.log"; exit 1; }

/usr/bin/python3 - "$out" <<'PY'
import glob, json, sys
out = sys.argv[1]
node = {(r["model"], r["batch"]): r["medianMicroseconds"] for r in map(json.loads, open(f"{out}/node.jsonl"))}
report = json.load(open(glob.glob(f"{out}/bdn/results/*InferenceBenchmarks*-report-full*.json")[0]))
print()
print(f"{'model':<8}{'batch':>6}{'ours median us':>17}{'ours alloc B':>14}{'ort-node median us':>21}{'ratio ours/node':>17}")
for b in report["Benchmarks"]:
    params = dict(p.split("=") for p in b["Parameters"].split("&"))
    key = (params["Model"], int(params["Batch"]))
    ours = b["Statistics"]["Median"] / 1000
    print(f"{key[0]:<8}{key[1]:>6}{ours:>17.2f}{b['Memory']['BytesAllocatedPerOperation']:>14}{node[key]:>21.2f}{ours / node[key]:>17.2f}")
PY
