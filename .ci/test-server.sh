# Shared by postman/run-newman and web/run-browser-tests (source it from the repository root): npm tools kept under
# .ci/node, and a fresh `faceauth serve` for a test run, stopped and removed on exit.

# npm_tool PACKAGE@VERSION: installs the package under .ci/node once.
npm_tool() {
  local name="${1%@*}"
  if [[ ! -d ".ci/node/node_modules/$name" ]]; then
    echo "$(basename "$0"): installing $1 from npm" >&2
    npm install --silent --no-audit --no-fund --prefix .ci/node "$1" >&2
  fi
}

# start_test_server PORT DATA_DIR ADMIN_KEY: starts the built CLI's server in the background (extra settings may come
# through SPRING_APPLICATION_JSON) and waits until /api/v1/health answers; the log is DATA_DIR/server.log.
start_test_server() {
  local port="$1" data="$2" admin_key="$3"
  mkdir -p "$data"
  FACEAUTH_BOOTSTRAP_ADMIN_KEY="$admin_key" java -jar cli/target/faceauth-cli.jar serve --port "$port" \
    --data-dir "$data" > "$data/server.log" 2>&1 &
  TEST_SERVER_PID=$!
  TEST_SERVER_LOG="$data/server.log"
  for _ in $(seq 120); do
    curl -fsS "http://127.0.0.1:$port/api/v1/health" > /dev/null 2>&1 && return 0
    kill -0 "$TEST_SERVER_PID" 2>/dev/null || { cat "$TEST_SERVER_LOG" >&2; echo "the server did not start" >&2; return 1; }
    sleep 1
  done
  echo "the server did not answer within 120 s" >&2
  return 1
}

# stop_test_server: stops the server started above (safe to call when none was started).
stop_test_server() {
  if [[ -n "${TEST_SERVER_PID:-}" ]]; then
    kill "$TEST_SERVER_PID" 2>/dev/null || true
    wait "$TEST_SERVER_PID" 2>/dev/null || true
  fi
}

# random_key PREFIX: a throwaway API key for one test run.
random_key() {
  echo "$1-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
}
