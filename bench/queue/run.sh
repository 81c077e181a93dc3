#!/usr/bin/env bash
# Queue inference through the local host (issue 10): the 30-feature logistic regression as the small model, messages in
# the Open Inference Protocol form (one row) on modelops-inference, results in inference-results/. Reports the enqueue ->
# result blob latency of messages sent one at a time on an idle queue, then throughput and enqueue -> result latency
# of a burst. The host's listener runs with its defaults (batches of 16, 32 at once, polling back-off to 1 s).
#
#   bench/queue/run.sh                 # 200 sequential, a burst of 5000 from 8 senders
#   SEQUENTIAL=100 BURST=20000 bench/queue/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

work=$(mktemp -d)
dotnet build "$bench_repo/bench/jobs/ModelOps.JobsBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
bench_start_host "$work" "$@"
bench_register small "$bench_repo/bench/inprocess/models/logreg.onnx"
echo "logreg.onnx (30 -> 2), $(nproc) cores shared by Azurite, the host and the load generator"
dotnet "$bench_repo/bench/jobs/ModelOps.JobsBench/bin/Release/net10.0/ModelOps.JobsBench.dll" queue "$STORAGE_CONNECTION" small \
  "${SEQUENTIAL:-200}" "${BURST:-5000}" "${SENDERS:-8}"
echo "host peak RSS $(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$HOST_PID/status") MiB"
