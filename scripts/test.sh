#!/usr/bin/env bash
# The whole test suite: system packages, the Python venv with the official ASK SDK model (the
# conformance oracle), formatting, the Swift tests, then the ask-sdk-model round trip of every
# envelope and payload the Swift tests emitted.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
command -v tmux >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null; }
command -v dot >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }
bash scripts/conformance-venv.sh
export FLOWC_PYTHON="${FLOWC_VENV:-$PWD/.venv}/bin/python"

echo "== swift format lint --strict"
swift format lint --strict --recursive Package.swift Sources Tests benchmarks/runtime/Sources

conformance_dir="$(mktemp -d)"
trap 'rm -rf "$conformance_dir"' EXIT
export FLOWC_CONFORMANCE_DIR="$conformance_dir"

echo "== swift test"
swift test

echo "== ask-sdk-model round trip of emitted envelopes"
"$FLOWC_PYTHON" Tests/Conformance/roundtrip.py "$conformance_dir"
