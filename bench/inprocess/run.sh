#!/usr/bin/env bash
# In-process inference benchmark, three ways in one run on the same models (bench/inprocess/models), batch 1 and 64:
#   new  - ModelOps.Onnx's IModelSession.Run over Microsoft.ML.OnnxRuntime 1.32 (BenchmarkDotNet, in-process toolchain);
#   old  - the same benchmark built from OLD_REF, our former C-API binding over onnxruntime-node's libonnxruntime 1.30
#          (checked out with git archive into OLD_DIR and built once; skipped with OLD_REF=none);
#   node - onnxruntime-node's session.run;
#   floor - ORT 1.32's own API with input and output bound once (RunWithBinding alone), in the new benchmark.
# The three run in turn ROUNDS times (default 3), so a change in machine load hits all of them alike; per case the report
# gives the median over the rounds of each one's median microseconds per call, the bytes allocated per call and the
# ratios new/old, new/floor and new/node (below 1 = new is faster). About two minutes a round on two cores. Results land in
# bench/inprocess/BenchmarkDotNet.Artifacts/ (ignored by git).
#
#   bench/inprocess/run.sh                  # OLD_REF=e3dd182 (main before the switch), OLD_DIR=/tmp/modelops-bench-old
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/BenchmarkDotNet.Artifacts"
old_ref="${OLD_REF:-e3dd182}"
old_dir="${OLD_DIR:-/tmp/modelops-bench-old}"
rounds="${ROUNDS:-3}"
mkdir -p "$out"

if [[ ! -f "$repo/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1" ]]; then
  (cd "$repo" && npm ci --ignore-scripts)
fi

# bdn NAME DLL: runs InferenceBenchmarks from DLL into $out/NAME.
bdn() {
  rm -rf "$out/$1"
  dotnet "$2" --filter '*InferenceBenchmarks*' --inProcess --warmupCount 5 --iterationCount 15 --iterationTime 200 \
    --exporters json --artifacts "$out/$1" >"$out/$1.log" 2>&1 || { tail -40 "$out/$1.log"; exit 1; }
}

echo "== building the new benchmark"
dotnet build -c Release "$repo/bench/ModelOps.Benchmarks" -v quiet -nologo -clp:ErrorsOnly >/dev/null
if [[ "$old_ref" != none ]]; then
  if [[ ! -f "$old_dir/.ref" || "$(cat "$old_dir/.ref")" != "$old_ref" ]]; then
    echo "== checking out $old_ref into $old_dir and building its benchmark"
    rm -rf "$old_dir" && mkdir -p "$old_dir"
    git -C "$repo" archive "$old_ref" | tar -x -C "$old_dir"
    ln -s "$repo/node_modules" "$old_dir/node_modules"
    dotnet build -c Release "$old_dir/bench/ModelOps.Benchmarks" -v quiet -nologo -clp:ErrorsOnly >/dev/null
    echo "$old_ref" >"$old_dir/.ref"
  fi
fi

rm -rf "$out"/round-*
for round in $(seq 1 "$rounds"); do
  mkdir -p "$out/round-$round"
  echo "== round $round/$rounds: onnxruntime-node session.run (5000 timed calls per case)"
  node "$here/node-bench.js" 5000 >"$out/round-$round/node.jsonl"
  echo "== round $round/$rounds: new, ModelOps.Onnx on Microsoft.ML.OnnxRuntime (BenchmarkDotNet, in-process)"
  bdn "round-$round/new" "$repo/bench/ModelOps.Benchmarks/bin/Release/net10.0/ModelOps.Benchmarks.dll"
  if [[ "$old_ref" != none ]]; then
    echo "== round $round/$rounds: old, the C-API binding at $old_ref (BenchmarkDotNet, in-process)"
    bdn "round-$round/old" "$old_dir/bench/ModelOps.Benchmarks/bin/Release/net10.0/ModelOps.Benchmarks.dll"
  fi
done

/usr/bin/python3 - "$out" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]

def node(round_dir):
    return {(r["model"], r["batch"]): (r["medianMicroseconds"], None) for r in map(json.loads, open(f"{round_dir}/node.jsonl"))}

def bdn(round_dir, name, method):
    files = glob.glob(f"{round_dir}/{name}/results/*InferenceBenchmarks*-report-full*.json")
    result = {}
    for b in json.load(open(files[0]))["Benchmarks"] if files else []:
        if b["Method"] != method or b["Statistics"] is None:  # None: the benchmark failed (see its .log)
            continue
        params = dict(p.split("=") for p in b["Parameters"].split("&"))
        result[(params["Model"], int(params["Batch"]))] = (b["Statistics"]["Median"] / 1000, b["Memory"]["BytesAllocatedPerOperation"])
    return result

rounds = sorted(glob.glob(f"{out}/round-*"))
runs = {
    "new": [bdn(r, "new", "Run") for r in rounds],
    "floor": [bdn(r, "new", "OrtFloor") for r in rounds],
    "old": [bdn(r, "old", "Run") for r in rounds],
    "node": [node(r) for r in rounds],
}

def summary(name, key):
    values = [run[key] for run in runs[name] if key in run]
    if not values:
        return float("nan"), "-", "-"
    return statistics.median(v[0] for v in values), values[0][1], "/".join(f"{v[0]:.2f}" for v in values)

print()
print(f"{len(rounds)} round(s); per case the median over rounds of each median (each round's in brackets: new | old | floor | node)")
print(f"{'model':<7}{'batch':>6}{'new us':>8}{'new B':>7}{'old us':>8}{'old B':>7}{'floor us':>10}{'node us':>9}{'new/old':>9}{'new/floor':>11}{'new/node':>10}")
for key in sorted(runs["new"][0]):
    n, nb, nr = summary("new", key)
    o, ob, orr = summary("old", key)
    f, _, fr = summary("floor", key)
    d, _, dr = summary("node", key)
    print(f"{key[0]:<7}{key[1]:>6}{n:>8.2f}{nb:>7}{o:>8.2f}{ob:>7}{f:>10.2f}{d:>9.2f}{n / o:>9.2f}{n / f:>11.2f}{n / d:>10.2f}   [{nr} | {orr} | {fr} | {dr}]")
PY
