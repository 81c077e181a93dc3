#!/usr/bin/env bash
# Runs ModelOps locally: installs what is missing, starts Azurite (unless one already listens on 10000-10002)
# with its data under .azurite/, and starts the host on http://127.0.0.1:7071 (override with ASPNETCORE_URLS).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

ensure_npm_packages
if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "Created local.settings.json from local.settings.sample.json (keys: local-admin-key / local-api-key)."
fi

echo "Building the host..."
dotnet build src/ModelOps.Host/ModelOps.Host.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

if port_open 10000 && port_open 10001 && port_open 10002; then
  echo "Azurite (or another storage emulator) already listens on 10000-10002; using it."
else
  mkdir -p .azurite
  echo "Starting Azurite (data in .azurite/, log in .azurite/azurite.log)..."
  node node_modules/azurite/dist/src/azurite.js --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --location .azurite >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  trap 'kill $azurite_pid 2>/dev/null || true' EXIT INT TERM
  wait_for_port 10000 30 && wait_for_port 10001 30 && wait_for_port 10002 30 || { echo "Azurite did not start; see .azurite/azurite.log" >&2; exit 1; }
fi

echo "Starting ModelOps on ${ASPNETCORE_URLS:-http://127.0.0.1:7071} (Ctrl+C stops it)..."
dotnet src/ModelOps.Host/bin/Release/net10.0/ModelOps.Host.dll "$@"
