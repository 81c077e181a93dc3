#!/usr/bin/env bash
# HTTP inference throughput and latency: ModelOps against the Node.js peer (../shared/peers/node-ort-server), serving
# the same model with the same request body, each loaded with one intra-op thread, measured by wrk on loopback at
# 1, 16 and 64 connections, alternating servers per step so both see the same machine state. Bounded: 2 servers x
# 3 steps x DURATION (default 10s).
#
#   bench/http/run.sh                      # MLP 20->64->32->3, batch 1
#   MODEL=bench/inprocess/models/logreg.onnx BATCH=64 DURATION=15s bench/http/run.sh
#   HOST_ENV="ModelOps__Monitoring__Capture__Enabled=false" bench/http/run.sh   # host settings for the run
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

model="$(realpath "${MODEL:-$bench_repo/bench/inprocess/models/mlp.onnx}")"
batch="${BATCH:-1}"
duration="${DURATION:-10s}"
peer_dir="$bench_repo/../shared/peers/node-ort-server"
bench_ensure_wrk

work=$(mktemp -d)
# shellcheck disable=SC2086
bench_start_host "$work" ModelOps__Inference__Session__IntraOpThreads=1 ModelOps__Inference__Session__InterOpThreads=1 ${HOST_ENV:-}
bench_register bench "$model"

peer_port=$(free_port)
NODE_PATH="$bench_repo/node_modules" node "$peer_dir/server.js" "$model" bench "$peer_port" >"$work/peer.log" 2>&1 &
bench_pids+=($!)
wait_for_port "$peer_port" 30

# One request body for both servers: the model's first input, batch rows of deterministic values.
bench_oip_body "$model" "$batch" >"$work/body.json"
curl -sf -H "x-functions-key: bench-api" -H "content-type: application/json" --data-binary "@$work/body.json" "$HOST_URL/v2/models/bench/infer" >/dev/null
curl -sf -H "content-type: application/json" --data-binary "@$work/body.json" "http://127.0.0.1:$peer_port/v2/models/bench/infer" >/dev/null

bench_post_lua "$work"

run_wrk() { bench_wrk "$work/post.lua" "$1" "$2" "$duration"; } # URL CONNECTIONS -> "rps p50_ms p99_ms errors"

# Warm both servers (JIT tiers, pools) so the first measured step does not include start-up.
duration=5s run_wrk "$HOST_URL/v2/models/bench/infer" 16 >/dev/null
duration=5s run_wrk "http://127.0.0.1:$peer_port/v2/models/bench/infer" 16 >/dev/null

echo "model $(basename "$model"), batch $batch, $duration per step, wrk on 127.0.0.1; $(nproc) cores shared by servers and wrk"
printf '%-6s %14s %10s %10s %14s %10s %10s %12s %12s\n' conns modelops_rps p50_ms p99_ms peer_rps p50_ms p99_ms rps_ratio p99_ratio
for c in 1 16 64; do
  read -r m_rps m_p50 m_p99 m_err < <(run_wrk "$HOST_URL/v2/models/bench/infer" "$c")
  read -r p_rps p_p50 p_p99 p_err < <(run_wrk "http://127.0.0.1:$peer_port/v2/models/bench/infer" "$c")
  [ "$m_err$p_err" = "00" ] || echo "warning: non-2xx responses (modelops $m_err, peer $p_err)" >&2
  printf '%-6s %14s %10s %10s %14s %10s %10s %12s %12s\n' "$c" "$m_rps" "$m_p50" "$m_p99" "$p_rps" "$p_p50" "$p_p99" \
    "$(/usr/bin/python3 -c "print(f'{$m_rps/$p_rps:.2f}x')")" "$(/usr/bin/python3 -c "print(f'{$m_p99/$p_p99:.2f}')")"
done
echo "rps_ratio = ModelOps / peer (target >= 1.5 at 64); p99_ratio = ModelOps / peer (target <= 1)."
