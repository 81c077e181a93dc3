#!/usr/bin/env bash
# Resident memory of the host: idle after start, then with N small models (default 50) registered and loaded
# (one inference each), then after a forced-looking quiet period. Bounded: N registrations and N inferences.
#
#   bench/memory/run.sh            # 50 copies of bench/inprocess/models/logreg.onnx under different names
#   MODELS=100 bench/memory/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

count="${MODELS:-50}"
model="$bench_repo/bench/inprocess/models/logreg.onnx"
work=$(mktemp -d)
bench_start_host "$work"
sleep 3
idle=$(rss_mib "$HOST_PID")

body='{"inputs":[{"name":"x","shape":[1,30],"datatype":"FP32","data":['"$(seq -s, 1 30)"']}]}'
for i in $(seq 1 "$count"); do
  bench_register "m$i" "$model"
  curl -sf -H "x-functions-key: bench-api" -H "content-type: application/json" -d "$body" "$HOST_URL/v2/models/m$i/infer" >/dev/null
done
loaded=$(rss_mib "$HOST_PID")
sleep 5
settled=$(rss_mib "$HOST_PID")

printf '%-34s %10s\n' "state" "RSS MiB"
printf '%-34s %10s\n' "idle after start (ready)" "$idle"
printf '%-34s %10s\n' "$count models registered + loaded" "$loaded"
printf '%-34s %10s\n' "5 s later" "$settled"
echo "target: idle under 200 MB"
