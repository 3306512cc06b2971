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
  "pre-commit==4.7.0" \
  "ask-sdk-webservice-support==1.3.3" \
  "certvalidator==0.11.1" \
  "oscrypto==1.3.0"

# ask-sdk-webservice-support checks the certificate chain with certvalidator, which imports
# oscrypto. oscrypto 1.3.0 (the newest release on PyPI, 2022) finds the OpenSSL version with the
# regex '\b(\d\.\d\.\d[a-z]*)\b', which matches no version with a two-digit patch number:
# on Debian's OpenSSL 3.0.10 and later every import fails with "Error detecting the version of
# libcrypto" (wbond/oscrypto issues #75 and #78). The fix is upstream (commits ebbc944, "Fix #75
# bug with openssl 3.0.10", and d5f3437, "Make OpenSSL version regexes more robust", both
# 2023) but in no release, and only PyPI is reachable here. So the same change is applied to
# the two installed files: '\d' becomes '\d+' in the version regexes. Idempotent; it stops the
# script if the files hold neither the released nor the fixed text (another oscrypto version).
"$venv/bin/python" - <<'PATCH'
import importlib.util, os, sys

spec = importlib.util.find_spec("oscrypto")  # locates the package without importing it
folder = os.path.join(os.path.dirname(spec.origin), "_openssl")
released = [
    (r"'\\b(\\d\\.\\d\\.\\d[a-z]*)\\b'", r"'\\b(\\d+\\.\\d+\\.\\d+[a-z]*)\\b'"),
    (r"'(?<=LibreSSL )(\\d\\.\\d(\\.\\d)?)\\b'", r"'(?<=LibreSSL )(\\d+\\.\\d+(\\.\\d+)?)\\b'"),
    (r"'(\\d)([a-z]+)'", r"'(\\d+)([a-z]+)'"),
]
for name in ("_libcrypto_cffi.py", "_libcrypto_ctypes.py"):
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8") as source:
        text = source.read()
    for old, new in released:
        if new in text:
            continue
        if old not in text:
            sys.exit("oscrypto patch: %s holds neither %s nor %s" % (path, old, new))
        text = text.replace(old, new)
    with open(path, "w", encoding="utf-8") as source:
        source.write(text)
    cached = os.path.join(folder, "__pycache__")
    if os.path.isdir(cached):
        for entry in os.listdir(cached):
            if entry.startswith(name[:-3] + "."):
                os.remove(os.path.join(cached, entry))
PATCH
"$venv/bin/python" -c "import certvalidator" || {
  echo "certvalidator (oscrypto) still does not import after the patch" >&2
  exit 1
}

echo "$venv/bin/python"
