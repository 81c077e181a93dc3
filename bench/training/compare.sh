#!/usr/bin/env bash
# Trains scikit-learn 1.2 (Debian's python3-sklearn) and ModelOps.Training on the same seeded 80/20 split of each
# dataset in ../shared/data/tabular and prints quality and training time side by side; then the 1M x 50 scale run.
# Usage: bench/training/compare.sh [dataset ...] [--no-scale]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build -c Release "$here/ModelOps.TrainingBench" -v q -nologo >/dev/null
export BENCH_EXE="$here/ModelOps.TrainingBench/bin/Release/net10.0/ModelOps.TrainingBench"
scale=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-scale" ]; then scale=0; else args+=("$a"); fi
done
/usr/bin/python3 "$here/compare.py" "${args[@]+"${args[@]}"}"
if [ "$scale" = 1 ] && [ ${#args[@]} -eq 0 ]; then
  echo
  echo "Scale: 1,000,000 rows x 50 numeric columns, binary gbt (defaults; early stopping on)"
  /usr/bin/time -v "$BENCH_EXE" scale 1000000 50 gbt 2> "$root/bench/training/.scale-time.txt"
  grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$root/bench/training/.scale-time.txt"
  rm -f "$root/bench/training/.scale-time.txt"
fi
