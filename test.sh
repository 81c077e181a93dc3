#!/usr/bin/env bash
# Runs every test that can run here: unit, integration (a real Azurite each fixture starts on free ports, the real
# ONNX Runtime) and end-to-end through HTTP. Ends with "N passed, N failed" summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

ensure_npm_packages || exit 1
ensure_python_references || exit 1
ensure_chromium || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

scripts/write-slnf.sh
echo "Building..."
dotnet build ModelOps.slnf -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

status=0
dotnet test ModelOps.slnf -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
projects=$(grep -c 'Tests.csproj' ModelOps.slnf)
reports=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$reports" -lt "$projects" ]; then
  echo "Only $reports of $projects test projects reported results." >&2
  failed=$((failed + projects - reports)); status=1
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
