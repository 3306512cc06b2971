#!/usr/bin/env bash
# Creates the Python environment of the ASK SDK conformance harness (Tests/Conformance).
#
# The venv goes to $FLOWC_VENV, or .venv at the repository root. Versions are pinned so that a
# change in the official model shows up as a deliberate bump, not as a surprise in CI.
# Prints the venv's python path on its last line.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${FLOWC_VENV:-$repo_root/.venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "ask-sdk-model==1.82.0" \
  "ask-sdk-core==1.19.0" \
  "jsonschema==4.26.0" \
  "pyyaml==6.0.4" \
  "pre-commit==4.7.0"

echo "$venv/bin/python"
