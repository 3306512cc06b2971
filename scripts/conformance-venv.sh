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
  if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv and pip separately.
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "ask-sdk-model==1.82.0" \
  "ask-sdk-core==1.19.0" \
  "ask-sdk-dynamodb-persistence-adapter==1.19.0" \
  "pyflakes==4.1.0" \
  "ask-smapi-model==1.36.0" \
  "jsonschema==4.26.0" \
  "pyyaml==6.0.4" \
  "pre-commit==4.7.0"

echo "$venv/bin/python"
