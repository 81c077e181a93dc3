#!/usr/bin/env bash
# Server-side batching over HTTP (issue 10): the same MLP 256->1024->1024->10 registered twice in one host, "batched"
# with the default serving settings (batching on: no timer, up to 64 rows a run) and "unbatched" with batching turned
# off (PUT /api/models/unbatched/serving), called with one-row OIP requests by wrk on 127.0.0.1 at 1 and 64 connections,
# alternating models per step so both see the same machine state. Sessions get one intra-op thread, as bench/http gives
# both sides: on two cores shared with Kestrel and wrk, ORT's second (spinning) thread takes CPU the HTTP path needs, and
# a measured run with the default (one per core) was slower for both models (64 connections: 6,515 vs 11,018 batched,
# 5,406 vs 8,138 unbatched req/s). Pass ModelOps__Inference__Session__IntraOpThreads=0 to measure ORT's default.
# Then a third model, "floor" (the same request and answer through one 256->10 Gemm, unbatched), alternates with
# unbatched at 64 connections: its throughput is what the HTTP path allows with almost no model cost, the most batching
# can reach, so floor/unbatched bounds the batched/unbatched ratio. The end reports the batched model's rows per model run
# (modelops.inference.batched_rows from /metrics).
#
#   bench/batching/run.sh                  # 10 s per step, 3 rounds; medians reported
#   DURATION=20s ROUNDS=5 bench/batching/run.sh
#   bench/batching/run.sh NAME=VALUE ...   # host settings, e.g. ModelOps__Monitoring__Capture__Enabled=false
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

duration="${DURATION:-10s}"
rounds="${ROUNDS:-3}"
bench_ensure_wrk
work=$(mktemp -d)
/usr/bin/python3 "$here/make_model.py" "$work/mlp_large.onnx"
/usr/bin/python3 "$here/make_model.py" "$work/floor.onnx" --floor
bench_start_host "$work" ModelOps__Inference__Session__IntraOpThreads=1 "$@"
bench_register batched "$work/mlp_large.onnx"
bench_register unbatched "$work/mlp_large.onnx"
bench_register floor "$work/floor.onnx"
for m in unbatched floor; do
  curl -sf -X PUT -H "x-functions-key: bench-admin" -H "content-type: application/json" -d '{"batching":{"enabled":false}}' \
    "$HOST_URL/api/models/$m/serving" >/dev/null
done

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
echo "The bound: the floor model against unbatched, 64 connections (floor/unbatched is the most batching can reach)"
bench_alternate "$work/post.lua" 64 "$rounds" "$duration" floor "$HOST_URL/v2/models/floor/infer" unbatched "$HOST_URL/v2/models/unbatched/infer"
curl -sf -H "x-functions-key: bench-admin" "$HOST_URL/metrics" | /usr/bin/python3 -c '
import re, sys
t = sys.stdin.read()
def v(kind):
    m = re.search(r"modelops_inference_batched_rows_" + kind + r"\{[^}]*model=\"batched\"[^}]*\} (\S+)", t)
    return float(m.group(1)) if m else 0.0
runs, rows = v("count"), v("sum")
buckets = re.findall(r"modelops_inference_batched_rows_bucket\{[^}]*model=\"batched\"[^}]*le=\"([^\"]+)\"\} (\S+)", t)
print(f"batched model, whole run incl. checks: {rows:.0f} rows in {runs:.0f} model runs ({rows / max(runs, 1):.1f} rows per run); "
      "runs by rows <= " + " ".join(f"{le}:{float(n):.0f}" for le, n in buckets))' || echo "no /metrics (Prometheus off?)" >&2
