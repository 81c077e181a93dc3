#!/usr/bin/env bash
# Start-to-completion latency of a one-activity orchestration on the local engine (20 runs after one warm-up, the
# client sharing the worker's orchestration service as the host's does) and the idle engine's CPU, against a throwaway
# in-memory Azurite on free loopback ports.
#
#   bench/workflows/run.sh            # RUNS=20 IDLE=30
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

work=$(mktemp -d)
bench_start_azurite "$work"
dotnet build "$here/ModelOps.WorkflowBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet run -c Release --no-build --project "$here/ModelOps.WorkflowBench" -- "$STORAGE_CONNECTION" "${RUNS:-20}" "${IDLE:-30}"
