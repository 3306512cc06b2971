#!/usr/bin/env bash
# The Python peer's virtual environment (git-ignored): the ASK SDK for Python served by
# flask-ask-sdk under gunicorn. Usage: benchmarks/serve/peer-venv.sh [DIR]; prints DIR's python.
set -euo pipefail
venv="${1:-$(dirname "$0")/.venv}"
if [ ! -x "$venv/bin/gunicorn" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "flask-ask-sdk==1.0.0" "ask-sdk-core==1.19.0" "gunicorn==23.0.0" >&2
fi
# flask-ask-sdk imports ask-sdk-webservice-support's verifiers even with verification off, and
# they import oscrypto 1.3.0 (through certvalidator), whose OpenSSL version regex does not match
# a two-digit patch number ("OpenSSL 3.0.19"): "Error detecting the version of libcrypto".
# oscrypto fixed the regex on its master branch (\d\.\d\.\d+, wbond/oscrypto#75 and #76); no
# release has it, so the same one-character fix is applied to the installed files.
openssl="$("$venv/bin/python" -c 'import importlib.util as u; print(u.find_spec("oscrypto").submodule_search_locations[0])')/_openssl"
sed -i 's/\\\\b(\\\\d\\\\.\\\\d\\\\.\\\\d\[a-z\]\*)\\\\b/\\\\b(\\\\d\\\\.\\\\d\\\\.\\\\d+[a-z]*)\\\\b/' "$openssl/_libcrypto_cffi.py" "$openssl/_libcrypto_ctypes.py"
"$venv/bin/python" -c 'import flask_ask_sdk.skill_adapter' >&2
echo "$venv/bin/python"
