#!/usr/bin/env bash
# The whole test suite: system packages, the Python venv with the official ASK SDK model (the
# conformance oracle), formatting, the Swift tests, then the ask-sdk-model round trip of every
# envelope and payload the Swift tests emitted. Every tool a test needs (tmux, Python with
# jsonschema and PyYAML, the ASK SDK model) is installed here, so no test is skipped: a test
# skipped for a missing tool ("needs …", see Tests/FlowTestSupport/Tooling.swift) fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# Debian packages the tests need: tmux (the simulator's terminal test), graphviz (every
# example's graph is rendered through dot), postgresql (the store tests on PostgreSQL).
missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -name initdb 2>/dev/null | grep -q . \
  || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The PostgreSQL store tests need a server: without FLOWC_TEST_POSTGRES_URL (which .ci/run
# sets), run the rest of this script next to a throwaway one.
if [ -z "${FLOWC_TEST_POSTGRES_URL:-}" ]; then
  exec bash scripts/with-postgres.sh bash "$0" "$@"
fi
bash scripts/conformance-venv.sh
export FLOWC_PYTHON="${FLOWC_VENV:-$PWD/.venv}/bin/python"

echo "== swift format lint --strict"
swift format lint --strict --recursive Package.swift Sources Tests benchmarks Fuzz/Package.swift Fuzz/Sources

conformance_dir="$(mktemp -d)"
test_log="$(mktemp)"
trap 'rm -rf "$conformance_dir" "$test_log"' EXIT
export FLOWC_CONFORMANCE_DIR="$conformance_dir"

echo "== swift test"
swift test 2>&1 | tee "$test_log"
if grep -E 'skipped: "needs ' "$test_log"; then
  echo "test.sh: the tests above were skipped for a missing tool; install it" >&2
  exit 1
fi

echo "== ask-sdk-model round trip of emitted envelopes"
"$FLOWC_PYTHON" Tests/Conformance/roundtrip.py "$conformance_dir"

echo "== fuzz harnesses over their checked-in corpora (docs/fuzzing.md)"
bash Fuzz/run.sh --ci
