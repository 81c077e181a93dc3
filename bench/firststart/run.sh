#!/usr/bin/env bash
# A first start on empty storage, as ./run.sh does it (the build excluded): the time from starting the host to the demo
# model's first answer (the host seeds a churn dataset and the retraining run trains, evaluates, registers and promotes
# it), and the host's resident memory then and 30 s later.
#
#   bench/firststart/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

work=$(mktemp -d)
dotnet build "$bench_repo/src/ModelOps.Host/ModelOps.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
bench_start_azurite "$work"
start=$(date +%s.%N)
bench_run_host "$work" ModelOps__Demo__Enabled=true
ready=$(date +%s.%N)
body='{"rows":[{"tenure":3,"monthlyCharges":95.5,"supportCalls":4,"contract":"month-to-month","internetService":"fiber"}]}'
until curl -sf -X POST -H "x-functions-key: bench-api" -H "content-type: application/json" -d "$body" "$HOST_URL/api/models/demo/predict" >/dev/null; do
  sleep 0.5
done
answered=$(date +%s.%N)
after=$(rss_mib "$HOST_PID")
sleep 30
later=$(rss_mib "$HOST_PID")
/usr/bin/python3 - "$start" "$ready" "$answered" <<'PY'
import sys
start, ready, answered = map(float, sys.argv[1:])
print(f"host ready {ready - start:.1f} s after start; demo model answers {answered - start:.1f} s after start")
PY
echo "RSS after the first run: $after MiB; 30 s later: $later MiB"
