#!/usr/bin/env bash
# Resident memory of the host through one large retraining run: idle, peak while the run trains, right after it ends,
# and 30 s later. The CSV is generated (numbers and a category, binary label), uploaded through the upload route.
#
#   bench/memory/large-run.sh                   # 2,000,000 rows (about 60 MB), gbt
#   ROWS=6900000 bench/memory/large-run.sh      # the 200 MB case of issue 9
#   TRAINER=logistic bench/memory/large-run.sh
#   EXTRA_ENV="DOTNET_gcServer=1" bench/memory/large-run.sh   # compare GC settings
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

rows="${ROWS:-2000000}"
trainer="${TRAINER:-gbt}"
work=$(mktemp -d)
/usr/bin/python3 - "$rows" "$work/data.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
colors = ["red", "green", "blue", "black", "white"]
with open(path, "w") as f:
    f.write("x1,x2,x3,x4,color,y\n")
    for _ in range(rows):
        x1, x2, x3, x4 = (round(rnd.gauss(0, 1), 4) for _ in range(4))
        c = rnd.randrange(5)
        y = 1 if x1 - 0.5 * x2 + 0.3 * c + rnd.gauss(0, 1) > 0.6 else 0
        f.write(f"{x1},{x2},{x3},{x4},{colors[c]},{y}\n")
PY
size_mib=$(du -m "$work/data.csv" | cut -f1)

# shellcheck disable=SC2086
bench_start_host "$work" ${EXTRA_ENV:-}
sleep 3
idle=$(rss_mib "$HOST_PID")
curl -sf -X PUT -H "x-functions-key: bench-admin" -H "content-type: application/json" \
  -d "{\"label\":\"y\",\"task\":\"binary\",\"trainer\":\"$trainer\",\"metric\":\"auc\"}" "$HOST_URL/api/models/big/training" >/dev/null

peak=0
sample() { local r; r=$(rss_mib "$HOST_PID"); peak=$(/usr/bin/python3 -c "print(max($peak, $r))"); }
( curl -sf -X PUT -H "x-functions-key: bench-admin" -H "content-type: text/csv" --data-binary "@$work/data.csv" \
    "$HOST_URL/api/models/big/training-data/big.csv" >"$work/upload.json" ) &
upload=$!
start=$(date +%s.%N)
while kill -0 "$upload" 2>/dev/null; do sample; sleep 0.5; done
wait "$upload"
run=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"])' "$work/upload.json")
status=Running
while [ "$status" = Running ] || [ "$status" = Pending ]; do
  sample; sleep 0.5
  status=$(curl -sf -H "x-functions-key: bench-admin" "$HOST_URL$run" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["runtimeStatus"])')
done
seconds=$(/usr/bin/python3 -c "print(round($(date +%s.%N) - $start, 1))")
after=$(rss_mib "$HOST_PID")
sleep 30
later=$(rss_mib "$HOST_PID")
outcome=$(curl -sf -H "x-functions-key: bench-admin" "$HOST_URL$run" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["runtimeStatus"], (r.get("output") or {}).get("outcome"))')

printf 'CSV: %s rows, %s MiB; trainer %s; run %s in %s s (upload included)\n' "$rows" "$size_mib" "$trainer" "$outcome" "$seconds"
printf '%-28s %10s\n' "state" "RSS MiB" "idle" "$idle" "peak during the run" "$peak" "run ended" "$after" "30 s later" "$later"
