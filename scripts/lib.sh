# Shared by run.sh and test.sh: install steps and small waits. Sourced, not run.

# npm supplies Azurite, the native ONNX Runtime library and @pulumi/azure-native's type declarations (the static check of
# infra/); --ignore-scripts because onnxruntime-node's install script downloads CUDA binaries, which cannot be reached
# (and are not needed for the CPU library it ships).
ensure_npm_packages() {
  if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ ! -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1 ] \
    || [ ! -f node_modules/@pulumi/azure-native/package.json ]; then
    echo "Installing npm packages (azurite, onnxruntime-node, @pulumi/azure-native)..."
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
}

# Debian's python3-onnx (onnx.checker) and python3-sklearn are reference tools the tests call.
ensure_python_references() {
  if /usr/bin/python3 -c "import onnx, sklearn, scipy" 2>/dev/null; then
    return 0
  fi
  echo "Installing Debian packages python3-onnx python3-sklearn python3-scipy (reference tools for the tests)..."
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-onnx python3-sklearn python3-scipy >/dev/null
}

# Debian's chromium: the web console's browser tests drive it through Playwright's ExecutablePath (Playwright's own
# browser download cannot run here). MODELOPS_CHROMIUM names another binary.
ensure_chromium() {
  if [ -n "${MODELOPS_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  echo "Installing Debian package chromium (the headless browser of the console's tests)..."
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local port=$1 seconds=$2
  for _ in $(seq 1 $((seconds * 5))); do
    port_open "$port" && return 0
    sleep 0.2
  done
  return 1
}
