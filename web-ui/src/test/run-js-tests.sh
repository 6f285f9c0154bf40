#!/bin/sh
# Runs the web UI's JavaScript unit tests with node's built-in test runner.
# Without node the tests are skipped with a message, except on CI (CI=true), where a missing node is a failure.
set -eu
dir="$1"
if ! command -v node >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
        echo "[ERROR] web-ui JavaScript tests: 'node' (>= 20) is not on the PATH and CI=true; install Node.js." >&2
        exit 1
    fi
    echo "[WARNING] web-ui JavaScript tests SKIPPED: 'node' is not on the PATH (install Node.js >= 20 to run them)."
    exit 0
fi
exec node --test "$dir"
