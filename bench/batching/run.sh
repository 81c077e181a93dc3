#!/usr/bin/env bash
# Server-side batching over HTTP (issue 10): the same MLP 256->1024->1024->10 registered twice in one host, "batched"
# with the default serving settings (batching on: no timer, up to 64 rows a run) and "unbatched" with batching turned
# off (PUT /api/models/unbatched/serving), called with one-row OIP requests by wrk on 127.0.0.1 at 1 and 64 connections,
# alternating models per step so both see the same machine state. Sessions use the host's default threads (all cores).
#
#   bench/batching/run.sh                  # 10 s per step, 3 rounds; medians reported
#   DURATION=20s ROUNDS=5 bench/batching/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

duration="${DURATION:-10s}"
rounds="${ROUNDS:-3}"
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
/usr/bin/python3 "$here/make_model.py" "$work/mlp_large.onnx"
bench_start_host "$work" "$@"
bench_register batched "$work/mlp_large.onnx"
bench_register unbatched "$work/mlp_large.onnx"
curl -sf -X PUT -H "x-functions-key: bench-admin" -H "content-type: application/json" -d '{"batching":{"enabled":false}}' \
  "$HOST_URL/api/models/unbatched/serving" >/dev/null

/usr/bin/python3 -c '
import json
data = [round(((i * 7) % 23) / 23.0 - 0.5, 4) for i in range(256)]
print(json.dumps({"id": "bench", "inputs": [{"name": "x", "shape": [1, 256], "datatype": "FP32", "data": data}]}))' >"$work/body.json"
for m in batched unbatched; do
  curl -sf -H "x-functions-key: bench-api" -H "content-type: application/json" --data-binary "@$work/body.json" "$HOST_URL/v2/models/$m/infer" >"$work/$m.out"
done
cmp -s "$work/batched.out" <(sed 's/"model_name":"unbatched"/"model_name":"batched"/' "$work/unbatched.out") || { echo "batched and unbatched answers differ" >&2; exit 1; }

bench_post_lua "$work"

echo "MLP 256->1024->1024->10, one row per request, $duration per step, $rounds rounds; $(nproc) cores shared by the host and wrk"
for c in 1 64; do
  bench_alternate "$work/post.lua" "$c" "$rounds" "$duration" batched "$HOST_URL/v2/models/batched/infer" unbatched "$HOST_URL/v2/models/unbatched/infer"
done
