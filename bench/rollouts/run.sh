#!/usr/bin/env bash
# Rollouts under load (issue 11, item 4 and "Measure and report"), against real hosts on 127.0.0.1 over a throwaway
# in-memory Azurite, with the MLP 20->64->32->3 (bench/inprocess/models/mlp.onnx) and one-row OIP requests:
#
# 1. Shares and failures: the load generator (ModelOps.RolloutBench, LOOPS closed loops) runs without a break while a
#    canary of version 2 goes 0 -> 10 % -> 100 % (BAKE per step), then a canary of version 3 at 50 % is rolled back by
#    command (POST .../rollback) after BAKE. Every response's model-version is checked against the serving history
#    (GET /api/models/{model}/history) per phase; requests that started within SKIP_MS after a recorded change are
#    left out. Fails on any failed request or a share more than 3 percentage points off its weight. The canary runs on
#    the default guardrails: a host stall that lands in the candidate's small sample lifts its p99 (seen: 546 ms against
#    24.6 ms) but no longer rolls it back, since a p99 breach needs more slow answers than chance gives.
# 2. Added latency of routing: wrk on the routed route (policy 90/10 over two versions) and on the pinned route
#    (/v2/models/{model}/versions/1/infer) of the same host, alternating per step, at 1 and 16 connections, ROUNDS rounds
#    of STEP each; medians over rounds.
# 3. Breach to rollback on every host: two hosts over one Azurite (one storage account, one task hub), load spread over
#    both, a canary of a deliberately slow version (make_slow_model.py) whose p99 breaches the default guardrail; from the
#    breach reading's time to the last request each host answered with the candidate, BREACHES times. Hosts apply a change made
#    elsewhere within 2 x ModelOps:Traffic:RefreshInterval (default 2 s) plus one storage read.
#
#   bench/rollouts/run.sh
#   LOOPS=8 BAKE=00:00:10 SKIP_MS=1000 ROUNDS=5 STEP=5s BREACHES=3 PARTS="1 2 3" bench/rollouts/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

loops="${LOOPS:-8}"
bake="${BAKE:-00:00:10}"
skip_ms="${SKIP_MS:-1000}"
rounds="${ROUNDS:-5}"
step="${STEP:-5s}"
parts=" ${PARTS:-1 2 3} "
breaches="${BREACHES:-3}"
model="$bench_repo/bench/inprocess/models/mlp.onnx"
bench_ensure_wrk
work=$(mktemp -d)
echo "work directory: $work"
dotnet build "$here/ModelOps.RolloutBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
loadgen="$here/ModelOps.RolloutBench/bin/Release/net10.0/ModelOps.RolloutBench"
bench_oip_body "$model" 1 >"$work/body.json"

api() { curl -sS --fail-with-body -H "x-functions-key: bench-admin" -H "content-type: application/json" "$@"; }
start_rollout() { api -d "$2" "$HOST_URL/api/models/$1/rollouts" | jq -r .id; } # MODEL JSON -> id
# wait_rollout MODEL ID JQ_CONDITION SECONDS: polls the rollout until the condition holds.
wait_rollout() {
  for _ in $(seq 1 $(( $4 * 5 ))); do
    api "$HOST_URL/api/models/$1/rollouts/$2" | jq -e "$3" >/dev/null && return 0
    sleep 0.2
  done
  echo "rollout $2 of $1: '$3' did not hold within $4 s" >&2
  api "$HOST_URL/api/models/$1/rollouts/$2" >&2
  return 1
}
# pin MODEL VERSION: a direct rollout, so VERSION serves alone (registering makes the newest version champion).
pin() {
  local id
  id=$(start_rollout "$1" "{\"version\": $2, \"strategy\": \"direct\"}")
  wait_rollout "$1" "$id" '.status == "Succeeded"' 60
}

shares_ok=0
if [[ $parts == *" 1 "* || $parts == *" 2 "* ]]; then
bench_start_host "$work"
fi
if [[ $parts == *" 1 "* ]]; then
echo "== 1. canary 0 -> 10 -> 100 % of v2, then a 50 % canary of v3 rolled back; $loops loops on 127.0.0.1, bake $bake; $(nproc) cores shared by host, Azurite and load"
for _ in 1 2 3; do bench_register roll "$model"; done
pin roll 1
curl -sf -H "x-functions-key: bench-api" -H "content-type: application/json" --data-binary "@$work/body.json" "$HOST_URL/v2/models/roll/infer" >/dev/null
"$loadgen" "$work/load.csv" "$work/body.json" "$loops" 300 2000000 "$work/stop" "$HOST_URL/v2/models/roll/infer" >"$work/load.out" &
load_pid=$!
bench_pids+=("$load_pid")
sleep 5
id=$(start_rollout roll "{\"version\": 2, \"strategy\": \"canary\", \"percent\": 10, \"bakeTime\": \"$bake\"}")
wait_rollout roll "$id" '.status == "Succeeded"' 120
sleep 5
id=$(start_rollout roll "{\"version\": 3, \"strategy\": \"canary\", \"percent\": 50, \"bakeTime\": \"01:00:00\"}")
wait_rollout roll "$id" '.currentPercent == 50' 60
sleep "$(/usr/bin/python3 -c "import sys; h, m, s = sys.argv[1].split(':'); print(int(h) * 3600 + int(m) * 60 + float(s))" "$bake")"
api -X POST "$HOST_URL/api/models/roll/rollouts/$id/rollback" >/dev/null
wait_rollout roll "$id" '.status == "RolledBack"' 60
sleep 5
touch "$work/stop"
wait "$load_pid"
cat "$work/load.out"
api "$HOST_URL/api/models/roll/history?pageSize=1000" >"$work/history.json"
/usr/bin/python3 "$here/analyze.py" shares "$work/load.csv" "$work/history.json" "$skip_ms" || shares_ok=$?
fi

if [[ $parts == *" 2 "* ]]; then
echo "== 2. added latency of routing: routed (policy v1 90 / v2 10) vs pinned (versions/1), $step per step, $rounds rounds"
bench_register lat "$model"
bench_register lat "$model"
api -X PUT -d '{"weights": {"1": 90, "2": 10}}' "$HOST_URL/api/models/lat/traffic" >/dev/null
bench_post_lua "$work"
# Warm both routes (JIT tiers, both versions' sessions) so the first measured step does not include start-up.
bench_wrk "$work/post.lua" "$HOST_URL/v2/models/lat/infer" 16 5s >/dev/null
bench_wrk "$work/post.lua" "$HOST_URL/v2/models/lat/versions/1/infer" 16 5s >/dev/null
for c in 1 16; do
  bench_alternate "$work/post.lua" "$c" "$rounds" "$step" routed "$HOST_URL/v2/models/lat/infer" pinned "$HOST_URL/v2/models/lat/versions/1/infer"
done
fi
bench_cleanup
bench_pids=()

if [[ $parts == *" 3 "* ]]; then
echo "== 3. guardrail breach -> rollback on two hosts over one Azurite (refresh interval: default 2 s)"
/usr/bin/python3 "$here/make_slow_model.py" "$work/slow.onnx"
bench_start_host "$work"
host_a=$HOST_URL
bench_run_host "$work"
host_b=$HOST_URL
HOST_URL=$host_a
for n in $(seq 1 "$breaches"); do
  echo "-- breach $n of $breaches"
  bench_register "guard$n" "$model"
  bench_register "guard$n" "$work/slow.onnx"
  pin "guard$n" 1
  for h in "$host_a" "$host_b"; do
    curl -sf -H "x-functions-key: bench-api" -H "content-type: application/json" --data-binary "@$work/body.json" "$h/v2/models/guard$n/infer" >/dev/null
  done
  "$loadgen" "$work/guard$n.csv" "$work/body.json" 4 120 2000000 "$work/stop-guard$n" "$host_a/v2/models/guard$n/infer" "$host_b/v2/models/guard$n/infer" >"$work/guard$n.out" &
  load_pid=$!
  bench_pids+=("$load_pid")
  sleep 3
  id=$(start_rollout "guard$n" '{"version": 2, "strategy": "canary", "percent": 10, "bakeTime": "00:05:00", "evaluationInterval": "00:00:01"}')
  wait_rollout "guard$n" "$id" '.status == "RolledBack"' 90
  sleep 6
  touch "$work/stop-guard$n"
  wait "$load_pid"
  cat "$work/guard$n.out"
  api "$HOST_URL/api/models/guard$n/rollouts/$id" >"$work/guard$n-rollout.json"
  api "$HOST_URL/api/models/guard$n/history?pageSize=1000" >"$work/guard$n-history.json"
  BREACH_LOG="$work/breaches.txt" /usr/bin/python3 "$here/analyze.py" breach "$work/guard$n.csv" "$work/guard$n-history.json" "$work/guard$n-rollout.json"
done
/usr/bin/python3 - "$work/breaches.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for host in sorted({r[0] for r in rows}):
    d = [float(r[1]) for r in rows if r[0] == host]
    print(f"host {host}: breach -> last answer by the candidate over {len(d)} runs: median {statistics.median(d):.0f} ms, max {max(d):.0f} ms")
PY
fi
exit "$shares_ok"
