#!/usr/bin/env bash
# Drift-check throughput and memory (issue 12, item 3): a synthetic captured window of ROWS x 50 features streamed once
# through the window sketches and checked against a reference, at 100k and 1M rows, with a small reference (1000 rows:
# KS and chi-square, windows counted around the reference's values) and a large one (100k rows: normed Wasserstein and
# Jensen-Shannon). Each size runs in its own process so peak RSS belongs to that size; times are medians of 5 runs
# after a warm-up run; then the same 1M x 50 check read back from Parquet files written by the capture writer.
# Usage: bench/monitoring/run.sh [repeats]
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

# The same check read back from captured Parquet (items 1 and 3 together): ROWS x 50 written by the real capture writer
# (requests of 1000 rows, files of 50,000 rows) to a temporary directory, then read by the check's own reader into the
# window sketches and analyzed; the check runs in its own process so its peak RSS is the check's.
captured=$(mktemp -d)
trap 'rm -rf "$captured"' EXIT
"$exe" capture "$captured" 1000000 50
for reference in 1000 100000; do
  echo "== captured Parquet rows=1000000 reference=$reference"
  /usr/bin/time -f "max RSS %M KiB, wall %e s (whole process, including the reference and the warm-up)" "$exe" check-captured "$captured" 1000000 50 "$reference" "$repeats"
done
