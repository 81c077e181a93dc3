#!/usr/bin/env bash
# Console first render with MODELS models stored, and the CLI's start-up for `modelops models list`, against a running
# host (./run.sh): MODELOPS_URL and MODELOPS_KEY (the admin key). Build first:
#   dotnet build src/ModelOps.Cli -c Release && dotnet build tests/ModelOps.Host.Tests -c Release
set -euo pipefail
cd "$(dirname "$0")/../.."
url=${MODELOPS_URL:-http://127.0.0.1:7071}; key=${MODELOPS_KEY:?set MODELOPS_KEY to the admin key}; models=${MODELS:-100}
cli="dotnet src/ModelOps.Cli/bin/Release/net10.0/modelops.dll"
onnx=../shared/data/onnx-models/onnxruntime_go__sklearn_randomforest.onnx
have=$($cli --url "$url" --key "$key" models list --json | grep -o '"name"' | wc -l)
for i in $(seq "$have" $((models - 1))); do
  curl -sf -o /dev/null -H "x-functions-key: $key" -H 'Content-Type: application/octet-stream' --data-binary @"$onnx" "$url/api/models/bench-$i/versions"
done
first=$($cli --url "$url" --key "$key" models list --json | grep -o '"name": "[^"]*"' | head -1 | cut -d'"' -f4)
echo "$($cli --url "$url" --key "$key" models list --json | grep -o '"name"' | wc -l) models stored"
node bench/tools/first-render.js "$url" "$key" "#/models" "#/models/$first"
times=()
for _ in $(seq 1 11); do
  s=$(date +%s%N); $cli --url "$url" --key "$key" models list >/dev/null; e=$(date +%s%N)
  times+=($(((e - s) / 1000000)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "modelops models list: median ${sorted[5]} ms (min ${sorted[0]}, max ${sorted[10]}) over 11 runs, process start to exit"
