#!/usr/bin/env bash
# Capture overhead (issue 12, item 1): p99 inference latency with 100 % of requests captured against capture off, over
# HTTP with wrk at 16 and 64 connections. Two hosts (each over its own Azurite) serve the same model and request body,
# one with ModelOps__Monitoring__Capture__Enabled=false; steps alternate between them, ROUNDS times (default 5), and the
# table gives medians and the ratio on/off. The capture host's /metrics tells how many requests were captured and how
# many were dropped (buffer full); each host's CPU time per request (from /proc) is measured too, as the machine's other
# load moves wall-clock latency more than capture does. Each host first serves WARMUP (default 30s) of the same load,
# unmeasured: the JIT's tiers and the garbage collector's sizing settle over tens of seconds, later on the capture host
# (more code: Parquet, Snappy, the store), and a round taken before then measured the warm-up, not capture.
# Bounded: 2 hosts x (WARMUP + steps x ROUNDS x DURATION (default 10s)).
#
#   bench/capture/run.sh                   # MLP 20->64->32->3, batch 1 (the capture path's worst case: tiny requests)
#   MODEL=bench/inprocess/models/logreg.onnx BATCH=64 bench/capture/run.sh
#   CONNS="1 4 16 64" DURATION=5s ROUNDS=3 bench/capture/run.sh   # other connection counts (default "16 64")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

model="$(realpath "${MODEL:-$bench_repo/bench/inprocess/models/mlp.onnx}")"
batch="${BATCH:-1}"
duration="${DURATION:-10s}"
rounds="${ROUNDS:-5}"
warmup="${WARMUP:-30s}"
conns="${CONNS:-16 64}"
bench_ensure_wrk

work=$(mktemp -d)
threads=(ModelOps__Inference__Session__IntraOpThreads=1 ModelOps__Inference__Session__InterOpThreads=1 ModelOps__Monitoring__EnableSchedules=false)
bench_start_host "$work" "${threads[@]}" ModelOps__Monitoring__Capture__Enabled=false
off_url=$HOST_URL
off_pid=$HOST_PID
bench_register bench "$model"
mkdir -p "$work/on"
bench_start_host "$work/on" "${threads[@]}" ModelOps__Monitoring__Capture__Enabled=true
on_url=$HOST_URL
on_pid=$HOST_PID
bench_register bench "$model"

bench_oip_body "$model" "$batch" >"$work/body.json"
for url in "$off_url" "$on_url"; do
  curl -sf -H "x-functions-key: bench-api" -H "content-type: application/json" --data-binary "@$work/body.json" "$url/v2/models/bench/infer" >/dev/null
done

bench_post_lua "$work"
top_conns=$(tr ' ' '\n' <<<"$conns" | sort -n | tail -1)
for url in "$off_url" "$on_url"; do
  wrk -t2 -c"$top_conns" -d"$warmup" -s "$work/post.lua" "$url/v2/models/bench/infer" >/dev/null
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime of a process, in clock ticks

run_wrk() { # URL CONNECTIONS PID -> "rps p99_ms errors cpu_us_per_request"
  local before after
  before=$(cpu_ticks "$3")
  wrk -t"$(( $2 < 2 ? $2 : 2 ))" -c"$2" -d"$duration" --latency -s "$work/post.lua" "$1/v2/models/bench/infer" >"$work/wrk.txt" 2>&1
  after=$(cpu_ticks "$3")
  /usr/bin/python3 - "$work/wrk.txt" "$((after - before))" "$(getconf CLK_TCK)" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
v, u = float(m.group(1)), m.group(2)
p99 = v / 1000 if u == "us" else v * 1000 if u == "s" else v
total = int(re.search(r"(\d+) requests in", t).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
cpu_us = int(sys.argv[2]) / int(sys.argv[3]) * 1e6 / max(total, 1)
print(f"{rps:.0f} {p99:.2f} {errors.group(1) if errors else 0} {cpu_us:.1f}")
PY
}

metric() { # URL NAME -> value (0 when absent); /metrics needs Read on all models (the admin key)
  curl -sf -H "x-functions-key: bench-admin" "$1/metrics" | awk -v n="$2" '$1 ~ "^"n"(\\{|$)" { s += $2 } END { printf "%d", s }'
}

echo "model $(basename "$model"), batch $batch, $warmup warm-up per host, $duration per step, $rounds rounds, wrk -t2 on 127.0.0.1; $(nproc) cores shared by hosts, Azurites and wrk"
printf '%-6s %10s %9s %10s %10s %9s %10s %10s %10s %10s\n' conns off_rps off_p99 off_cpu_us on_rps on_p99 on_cpu_us rps_ratio p99_ratio cpu_ratio
for c in $conns; do
  : >"$work/off.txt"; : >"$work/on.txt"
  for round in $(seq 1 "$rounds"); do
    # Alternate which host goes first, so neither always meets the machine in the same state.
    if [ $((round % 2)) -eq 1 ]; then
      run_wrk "$off_url" "$c" "$off_pid" >>"$work/off.txt"; run_wrk "$on_url" "$c" "$on_pid" >>"$work/on.txt"
    else
      run_wrk "$on_url" "$c" "$on_pid" >>"$work/on.txt"; run_wrk "$off_url" "$c" "$off_pid" >>"$work/off.txt"
    fi
  done
  /usr/bin/python3 - "$c" "$work/off.txt" "$work/on.txt" <<'PY'
import statistics, sys
c, off, on = sys.argv[1], [l.split() for l in open(sys.argv[2])], [l.split() for l in open(sys.argv[3])]
med = lambda rows, i: statistics.median(float(r[i]) for r in rows)
if any(r[2] != "0" for r in off + on): print("warning: non-2xx responses", file=sys.stderr)
print(f"# {c} connections, per round (rps/p99): off " + " ".join(f"{r[0]}/{r[1]}" for r in off) + ", on " + " ".join(f"{r[0]}/{r[1]}" for r in on), file=sys.stderr)
print(f"{c:<6} {med(off,0):10.0f} {med(off,1):9.2f} {med(off,3):10.1f} {med(on,0):10.0f} {med(on,1):9.2f} {med(on,3):10.1f} {med(on,0)/med(off,0):9.2f}x {med(on,1)/med(off,1):10.2f} {med(on,3)/med(off,3):10.2f}")
PY
done
sleep 12 # the last capture files are written within the flush interval (10 s)
echo "capture host: $(metric "$on_url" modelops_capture_requests_total) requests captured, $(metric "$on_url" modelops_capture_dropped_total) dropped (buffer full); off host captured $(metric "$off_url" modelops_capture_requests_total)"
gcs() { # URL -> "gen0/gen1/gen2" collections since the host started
  curl -sf -H "x-functions-key: bench-admin" "$1/metrics" | awk '$1 ~ /^dotnet_gc_collections_total\{/ { match($1, /gen[0-9]/); n[substr($1, RSTART, RLENGTH)] = $2 } END { printf "%d/%d/%d", n["gen0"], n["gen1"], n["gen2"] }'
}
echo "garbage collections gen0/gen1/gen2 over the whole run: off host $(gcs "$off_url"), capture host $(gcs "$on_url")"
echo "p99_ratio = on / off (target <= 1.1); cpu_us = the host process's CPU per request (user + system), the figure a"
echo "shared machine disturbs least; medians of $rounds runs per step, the order of the hosts alternating."
