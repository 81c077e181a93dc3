#!/usr/bin/env bash
# Drift-check throughput and memory (issue 12, item 3): a synthetic captured window of ROWS x 50 features streamed once
# through the window sketches and checked against a reference, at 100k and 1M rows, with a small reference (1000 rows:
# KS and chi-square, windows counted around the reference's values) and a large one (100k rows: normed Wasserstein and
# Jensen-Shannon). Each size runs in its own process so peak RSS belongs to that size; times are medians of 5 runs
# after a warm-up run. Usage: bench/monitoring/run.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repeats="${1:-5}"
dotnet build -c Release "$here/ModelOps.MonitoringBench" -v q -nologo -clp:ErrorsOnly >/dev/null
exe="$here/ModelOps.MonitoringBench/bin/Release/net10.0/ModelOps.MonitoringBench"
for reference in 1000 100000; do
  for rows in 100000 1000000; do
    echo "== rows=$rows reference=$reference"
    /usr/bin/time -f "max RSS %M KiB, wall %e s (whole process, including the reference and the warm-up)" "$exe" "$rows" 50 "$reference" "$repeats"
  done
done
