#!/usr/bin/env bash
# How soon a new host resumes the run a killed host was in the middle of: a host trains a large CSV, is killed with
# SIGKILL during TrainCandidate, a new host starts on the same storage, and the time from its start to the step's second
# execution (the attempts the run reports) is measured, and to the run's end. Default engine settings (30 s visibility
# timeout, 15 s lease).
#
#   bench/workflows/resume.sh           # ROWS=300000
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

rows="${ROWS:-300000}"
work=$(mktemp -d)
/usr/bin/python3 - "$rows" "$work/data.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(3)
with open(path, "w") as f:
    f.write("x1,x2,x3,color,y\n")
    for _ in range(rows):
        x1, x2, x3 = (round(rnd.gauss(0, 1), 4) for _ in range(3))
        c = rnd.choice(["red", "green", "blue"])
        f.write(f"{x1},{x2},{x3},{c},{1 if x1 - x2 + rnd.gauss(0, 1) > 0 else 0}\n")
PY

bench_start_host "$work"
admin=(-H "x-functions-key: bench-admin")
curl -sf -X PUT "${admin[@]}" -H "content-type: application/json" \
  -d '{"label":"y","task":"binary","trainer":"gbt","metric":"auc","parameters":{"maxIterations":300,"earlyStopping":false}}' \
  "$HOST_URL/api/models/resume/training" >/dev/null
run=$(curl -sf -X PUT "${admin[@]}" -H "content-type: text/csv" --data-binary "@$work/data.csv" \
  "$HOST_URL/api/models/resume/training-data/big.csv" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["run"])')

step() { curl -sf "${admin[@]}" "$HOST_URL$run" | /usr/bin/python3 -c "$1"; }
until [ "$(step 'import json,sys; print((json.load(sys.stdin).get("customStatus") or {}).get("step"))')" = TrainCandidate ]; do sleep 0.2; done
sleep 2
kill -9 "$HOST_PID"
killed=$(date +%s.%N)
bench_run_host "$work"
started=$(date +%s.%N)
attempts='import json,sys; r=json.load(sys.stdin); print(next((s["attempts"] for s in r["steps"] if s["name"]=="TrainCandidate"), 0))'
until [ "$(step "$attempts")" -ge 2 ]; do sleep 0.2; done
resumed=$(date +%s.%N)
until [ "$(step 'import json,sys; print(json.load(sys.stdin)["runtimeStatus"])')" = Completed ]; do sleep 0.5; done
ended=$(date +%s.%N)
/usr/bin/python3 - "$killed" "$started" "$resumed" "$ended" <<'PY'
import sys
killed, started, resumed, ended = map(float, sys.argv[1:])
print(f"new host ready {started - killed:.1f} s after the kill; TrainCandidate executing again {resumed - started:.1f} s after that; run completed {ended - started:.1f} s after the new host started")
PY
