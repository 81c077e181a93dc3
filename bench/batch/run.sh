#!/usr/bin/env bash
# Batch transform through the local host (issue 10): a gradient-boosted model the platform trains (20 numeric columns,
# 20,000 rows, through the retraining workflow), then CSV files of 100,000 and 1,000,000 rows x 20 columns scored by
# POST /api/models/gbt20/batch (default 100,000 rows per shard). Reports, per size, the median wall time from the POST
# to the run's end (REPEATS runs, default 3) and the host's peak resident memory during each job (VmHWM, reset before
# each job through /proc/PID/clear_refs).
#
#   bench/batch/run.sh
#   REPEATS=5 SIZES="1000000" bench/batch/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

work=$(mktemp -d)
tool="$bench_repo/bench/jobs/ModelOps.JobsBench/bin/Release/net10.0/ModelOps.JobsBench.dll"
dotnet build "$bench_repo/bench/jobs/ModelOps.JobsBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
bench_start_host "$work" "$@"
admin=(-H "x-functions-key: bench-admin")

dotnet "$tool" csv "$work/train.csv" 20000 20 label
curl -sf "${admin[@]}" -X PUT -H "content-type: application/json" \
  -d '{"label":"y","task":"binary","trainer":"gbt","parameters":{},"holdoutFraction":0.2,"seed":1,"metric":"auc","promotion":{"minimum":0.5,"maxDrop":1}}' \
  "$HOST_URL/api/models/gbt20/training" >/dev/null
run=$(curl -sf "${admin[@]}" -X PUT -H "content-type: text/csv" --data-binary "@$work/train.csv" "$HOST_URL/api/models/gbt20/training-data/train.csv" \
  | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["run"])')

# wait_run URL: polls a run until it ends; prints its JSON.
wait_run() {
  while true; do
    local body status
    body=$(curl -sf "${admin[@]}" "$HOST_URL$1")
    status=$(echo "$body" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["runtimeStatus"])')
    case "$status" in Completed|Failed|Terminated) echo "$body"; return 0 ;; esac
    sleep 0.1
  done
}
trained=$(wait_run "$run")
echo "$trained" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["runtimeStatus"]=="Completed", r; print("trained gbt20:", r["output"]["outcome"], "version", r["output"]["version"])'

echo "$(nproc) cores shared by Azurite, the host and this script"
printf '%-10s %-6s %10s %14s %12s\n' rows run wall_s rows_per_s peak_rss_mib
for rows in ${SIZES:-100000 1000000}; do
  dotnet "$tool" csv "$work/in.csv" "$rows" 20
  dotnet "$tool" upload "$STORAGE_CONNECTION" batch-input "bench-$rows/data.csv" "$work/in.csv"
  walls=()
  for i in $(seq 1 "${REPEATS:-3}"); do
    echo 5 >"/proc/$HOST_PID/clear_refs"
    start=$(date +%s.%N)
    location=$(curl -sf "${admin[@]}" -D - -o /dev/null -X POST -H "content-type: application/json" \
      -d "{\"input\":\"batch-input/bench-$rows/\",\"output\":\"batch-output/bench-$rows-$i/\",\"format\":\"csv\"}" \
      "$HOST_URL/api/models/gbt20/batch" | tr -d '\r' | awk -F': ' 'tolower($1)=="location" {print $2}')
    result=$(wait_run "$location")
    end=$(date +%s.%N)
    echo "$result" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["runtimeStatus"]=="Completed", r["error"]'
    peak=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$HOST_PID/status")
    wall=$(/usr/bin/python3 -c "print(f'{$end-$start:.1f}')")
    walls+=("$wall")
    printf '%-10s %-6s %10s %14s %12s\n' "$rows" "$i" "$wall" "$(/usr/bin/python3 -c "print(f'{$rows/($end-$start):,.0f}')")" "$peak"
  done
  echo "rows=$rows median wall $(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') s"
done
