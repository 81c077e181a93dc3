# Shared by the bench scripts: a throwaway Azurite and ModelOps host on free loopback ports. Sourced, not run.
# Every process started here is stopped by bench_cleanup (trap it on EXIT).

bench_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_pids=()
source "$bench_repo/scripts/lib.sh"

bench_cleanup() {
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

# bench_ensure_wrk: installs Debian's wrk (the HTTP load generator) when it is missing.
bench_ensure_wrk() {
  command -v wrk >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# bench_start_azurite WORKDIR: starts Azurite (in memory) on free loopback ports; sets STORAGE_CONNECTION.
bench_start_azurite() {
  local work=$1
  (cd "$bench_repo" && ensure_npm_packages)
  local bp qp tp
  bp=$(free_port); qp=$(free_port); tp=$(free_port)
  node "$bench_repo/node_modules/azurite/dist/src/azurite.js" --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$bp" --queueHost 127.0.0.1 --queuePort "$qp" --tableHost 127.0.0.1 --tablePort "$tp" \
    >"$work/azurite.log" 2>&1 &
  bench_pids+=($!)
  wait_for_port "$bp" 30 && wait_for_port "$tp" 30 && wait_for_port "$qp" 30
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  STORAGE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$bp/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$qp/devstoreaccount1;TableEndpoint=http://127.0.0.1:$tp/devstoreaccount1"
}

# bench_start_host WORKDIR [EXTRA_ENV...]: starts Azurite (in memory) and a Release host; sets HOST_URL, HOST_PID and
# STORAGE_CONNECTION (the host's AzureWebJobsStorage).
bench_start_host() {
  local work=$1; shift
  dotnet build "$bench_repo/src/ModelOps.Host/ModelOps.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  bench_start_azurite "$work"
  bench_run_host "$work" "$@"
}

# bench_run_host WORKDIR [EXTRA_ENV...]: starts the built host on STORAGE_CONNECTION (again, after a kill: same storage,
# new port); sets HOST_URL and HOST_PID and waits until it is ready.
bench_run_host() {
  local work=$1; shift
  local hp
  hp=$(free_port)
  env AzureWebJobsStorage="$STORAGE_CONNECTION" \
    ModelOps__AdminKey=bench-admin ModelOps__ApiKey=bench-api ModelOps__Demo__Enabled=false \
    ASPNETCORE_URLS="http://127.0.0.1:$hp" "$@" \
    dotnet "$bench_repo/src/ModelOps.Host/bin/Release/net10.0/ModelOps.Host.dll" >>"$work/host.log" 2>&1 &
  HOST_PID=$!
  bench_pids+=("$HOST_PID")
  HOST_URL="http://127.0.0.1:$hp"
  for _ in $(seq 1 300); do
    curl -sf "$HOST_URL/v2/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "The host did not become ready; see $work/host.log" >&2
  return 1
}

# bench_register NAME FILE: registers FILE as a version of NAME (admin key).
bench_register() {
  curl -sf -X POST -H "x-functions-key: bench-admin" -H "content-type: application/octet-stream" \
    --data-binary "@$2" "$HOST_URL/api/models/$1/versions" >/dev/null
}

rss_mib() {
  awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# wrk_stats FILE [UNIT]: a wrk --latency report as "requests/s p50 p99 non2xx", latencies in ms (default) or us.
wrk_stats() {
  /usr/bin/python3 - "$1" "${2:-ms}" <<'PY'
import re, sys
t, unit = open(sys.argv[1]).read(), sys.argv[2]
def us(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v if u == "us" else v * 1000 if u == "ms" else v * 1e6
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
scale, digits = (1000, 2) if unit == "ms" else (1, 1)
print(f"{rps:.0f} {us('50%') / scale:.{digits}f} {us('99%') / scale:.{digits}f} {errors.group(1) if errors else 0}")
PY
}

# bench_oip_body MODEL BATCH: an Open Inference Protocol body for MODEL's first input, BATCH rows of deterministic values.
bench_oip_body() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys, onnx
m = onnx.load(sys.argv[1]); batch = int(sys.argv[2]); i = m.graph.input[0]
width = [d.dim_value for d in i.type.tensor_type.shape.dim][1]
data = [round(((r * width + c) % 17) / 17.0 - 0.5, 4) for r in range(batch) for c in range(width)]
print(json.dumps({"inputs": [{"name": i.name, "shape": [batch, width], "datatype": "FP32", "data": data}]}))
PY
}

# bench_post_lua WORKDIR [NAME [HEADER VALUE]]: writes WORKDIR/NAME.lua (default post.lua), which makes wrk POST
# WORKDIR/body.json with HEADER: VALUE (default the inference key).
bench_post_lua() {
  cat >"$1/${2:-post}.lua" <<LUA
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["${3:-x-functions-key}"] = "${4:-bench-api}"
local f = io.open("$1/body.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
}

# bench_wrk SCRIPT URL CONNECTIONS DURATION [UNIT]: one wrk step (one thread for one connection, else two) with the
# Lua SCRIPT; prints wrk_stats of it ("requests/s p50 p99 non2xx", latencies in UNIT, default ms).
bench_wrk() {
  local threads=$(( $3 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$3" -d"$4" --latency -s "$1" "$2" >"$1.wrk.txt" 2>&1
  wrk_stats "$1.wrk.txt" "${5:-ms}"
}

# bench_alternate SCRIPT CONNECTIONS ROUNDS DURATION LABEL_A URL_A LABEL_B URL_B: ROUNDS rounds of one wrk step (Lua
# SCRIPT) on each URL, so both see the same machine state, A first in odd rounds and B first in even ones, so neither
# always meets the machine as the other left it; a row per round, then the medians over rounds of each side's
# requests/s, p50 and p99 (ms), A against B as ratios and differences.
bench_alternate() {
  local script=$1 c=$2 rounds=$3 duration=$4 la=$5 ua=$6 lb=$7 ub=$8 r a_rps a_p50 a_p99 a_err b_rps b_p50 b_p99 b_err
  local file="$script.$la-$lb-$c.rounds"
  : >"$file"
  printf '%-6s %-6s %12s %8s %8s %12s %8s %8s\n' conns round "${la}_rps" p50_ms p99_ms "${lb}_rps" p50_ms p99_ms
  for r in $(seq 1 "$rounds"); do
    if (( r % 2 == 0 )); then
      read -r b_rps b_p50 b_p99 b_err < <(bench_wrk "$script" "$ub" "$c" "$duration")
    fi
    read -r a_rps a_p50 a_p99 a_err < <(bench_wrk "$script" "$ua" "$c" "$duration")
    if (( r % 2 )); then
      read -r b_rps b_p50 b_p99 b_err < <(bench_wrk "$script" "$ub" "$c" "$duration")
    fi
    [ "$a_err$b_err" = "00" ] || echo "warning: non-2xx responses ($la $a_err, $lb $b_err)" >&2
    printf '%-6s %-6s %12s %8s %8s %12s %8s %8s\n' "$c" "$r" "$a_rps" "$a_p50" "$a_p99" "$b_rps" "$b_p50" "$b_p99"
    echo "$a_rps $a_p50 $a_p99 $b_rps $b_p50 $b_p99" >>"$file"
  done
  /usr/bin/python3 - "$file" "$c" "$la" "$lb" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
m = [statistics.median(col) for col in zip(*rows)]
c, a, b = sys.argv[2:5]
print(f"{c} connections, medians: {a} {m[0]:.0f} req/s p50 {m[1]:.3f} ms p99 {m[2]:.3f} ms | {b} {m[3]:.0f} req/s p50 {m[4]:.3f} ms "
      f"p99 {m[5]:.3f} ms | {a}/{b}: throughput {m[0] / m[3]:.2f}x, p50 {m[1] / m[4]:.2f}, p99 {m[2] / m[5]:.2f} | "
      f"{a}-{b}: p50 {m[1] - m[4]:+.3f} ms, p99 {m[2] - m[5]:+.3f} ms")
PY
}
