#!/usr/bin/env bash
# Load benchmark of `flowc serve` against the Python peer, on loopback with wrk: No Nicks'
# launch turn (a fresh customer and request id per request) and its whole payment conversation,
# per store, then the same launch turn on the peer (ASK SDK for Python under flask-ask-sdk and
# gunicorn with 2 workers). Prints requests per second, p50/p99 and the ratio to the peer.
# benchmarks/README.md explains the figures.
#
# Environment: FLOWC (a release flowc; built when unset), DURATION (wrk -d, 10s), CONNECTIONS
# (launch turn, 32), THREADS (launch turn, 2), PAYMENT_CONNECTIONS (one wrk thread each, 8),
# STORES ("sqlite memory"; "postgres" too with POSTGRES_URL=postgres://…), PEER (1: measure the
# peer, 0: not), VERIFY (auto: also the launch turn with request verification on, signed
# requests and a cached chain, when this flowc has --cert-chain; 1 or 0), SIGNED_REQUESTS (how
# many signed requests to make for it, 40000), FLOWC_LOG_LEVEL (flowc serve's LOG_LEVEL, warning: gunicorn writes no access
# log either), FLOOR_STORE (the store whose server also answers the HTTP floor row, memory),
# WORK_DIR (keep the stores and logs there).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
PAYMENT_CONNECTIONS="${PAYMENT_CONNECTIONS:-8}"
STORES="${STORES:-sqlite memory}"
PEER="${PEER:-1}"
FLOW="${FLOW:-examples/no-nicks.yaml}"
lua_dir="$PWD/benchmarks/serve/wrk"

if ! command -v wrk >/dev/null 2>&1; then
  echo "benchmarks/serve/run.sh: needs wrk (apt-get update && apt-get install -y wrk)" >&2
  exit 1
fi
flowc="${FLOWC:-}"
if [ -z "$flowc" ]; then
  flowc="$(bash scripts/build-release.sh)"
fi
work="${WORK_DIR:-$(mktemp -d)}"
mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${WORK_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# Waits until $1 (a log file) has a line matching the extended regex $2; prints the match.
wait_for_log() {
  local log="$1" pattern="$2"
  for _ in $(seq 1 600); do
    if grep -Eo "$pattern" "$log" 2>/dev/null | head -1 | grep .; then return 0; fi
    sleep 0.1
  done
  echo "benchmarks/serve/run.sh: nothing matched '$pattern' in $log:" >&2
  cat "$log" >&2
  return 1
}

# Runs wrk; prints "rps p50 p99 errors" from the RESULT line (and CONVERSATIONS, if any, on
# standard error).
measure() {
  local url="$1" script="$2" threads="$3" connections="$4" out
  out="$(WRK_LUA_DIR="$lua_dir" wrk --threads "$threads" --connections "$connections" \
    --duration "$DURATION" --timeout 10s --script "$lua_dir/$script" "$url")"
  echo "$out" >>"$work/wrk.log"
  local result conversations
  result="$(grep '^RESULT' <<<"$out" || true)"
  if [ -z "$result" ]; then
    echo "benchmarks/serve/run.sh: wrk printed no result:" >&2
    echo "$out" >&2
    return 1
  fi
  conversations="$(grep '^CONVERSATIONS' <<<"$out" || true)"
  [ -z "$conversations" ] || echo "    $conversations" >&2
  awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
        printf "%s %s %s %d\n", v["rps"], v["p50_ms"], v["p99_ms"], v["errors"] + v["non2xx"]}' \
    <<<"$result"
}

row() {  # label rps p50 p99 errors
  printf '%-52s %10s %9s %9s %7s\n' "$@"
}

# A launch envelope checked with curl before the load: the server answers the flow's welcome.
smoke() {
  local url="$1" body
  body='{"version":"1.0","session":{"new":true,"sessionId":"amzn1.echo-api.session.smoke","application":{"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"amzn1.ask.account.SMOKE"}},"context":{"System":{"application":{"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"amzn1.ask.account.SMOKE"},"device":{"deviceId":"d","supportedInterfaces":{}},"apiEndpoint":"https://api.amazonalexa.com"}},"request":{"type":"LaunchRequest","requestId":"amzn1.echo-api.request.smoke","timestamp":"2026-11-28T12:00:00Z","locale":"en-US"}}'
  if ! curl -sS --max-time 10 -H 'Content-Type: application/json' --data-binary "$body" "$url" |
    grep -q 'Welcome to No Nicks. Would you like to buy a starter kit for \$9.00?'; then
    echo "benchmarks/serve/run.sh: $url did not answer the launch turn with the welcome" >&2
    return 1
  fi
}

store_url() {
  case "$1" in
    sqlite) echo "sqlite:$work/bench-$RANDOM.sqlite" ;;
    memory) echo "memory:" ;;
    postgres)
      [ -n "${POSTGRES_URL:-}" ] || { echo "STORES has postgres: set POSTGRES_URL" >&2; return 1; }
      echo "$POSTGRES_URL"
      ;;
    *) echo "unknown store '$1' (sqlite, memory, postgres)" >&2; return 1 ;;
  esac
}

echo "flowc serve under wrk on loopback: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "launch: $THREADS threads, $CONNECTIONS connections; payment: $PAYMENT_CONNECTIONS connections; $DURATION each"
echo
row "what" "req/s" "p50 ms" "p99 ms" "errors"

# Starts flowc serve on a free port with the store $1 and the flags after it; sets $url.
# (The port is picked here: with LOG_LEVEL=warning the start line naming it is not logged.)
start_serve() {
  local store_arg="$1" log="$work/serve-$((${#pids[@]} + 1)).log" port
  shift
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  LOG_LEVEL="${FLOWC_LOG_LEVEL:-warning}" "$flowc" serve "$FLOW" --host 127.0.0.1 --port "$port" \
    --store "$store_arg" "$@" 2>"$log" &
  pids+=($!)
  url="http://127.0.0.1:$port/"
  for _ in $(seq 1 600); do
    curl -fsS --max-time 2 "${url}healthz" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "benchmarks/serve/run.sh: flowc serve did not start:" >&2
  cat "$log" >&2
  return 1
}
stop_serve() {
  kill "${pids[-1]}"
  wait "${pids[-1]}" 2>/dev/null || true
}

# Verification on needs the verifier's flags (--cert-chain, --trust-roots) and Python's
# cryptography (in the peer's venv) to sign the requests.
verify="${VERIFY:-auto}"
if [ "$verify" = auto ]; then
  if "$flowc" serve --help 2>&1 | grep -q -- '--cert-chain'; then verify=1; else verify=0; fi
fi
if [ "$verify" = 1 ] || [ "$PEER" = 1 ]; then
  python="$(bash benchmarks/serve/peer-venv.sh)"
fi

declare -A launch_rps
for store in $STORES; do
  start_serve "$(store_url "$store")" --insecure-no-verify
  smoke "$url"
  if [ "$store" = "${FLOOR_STORE:-memory}" ]; then
    read -r rps p50 p99 errors < <(measure "${url}floor" floor.lua "$THREADS" "$CONNECTIONS")
    row "HTTP floor: the same POST answered 404" "$rps" "$p50" "$p99" "$errors"
  fi
  read -r rps p50 p99 errors < <(measure "$url" launch.lua "$THREADS" "$CONNECTIONS")
  launch_rps[$store]="$rps"
  row "flowc serve, $store, launch turn" "$rps" "$p50" "$p99" "$errors"
  read -r rps p50 p99 errors < <(measure "$url" payment.lua "$PAYMENT_CONNECTIONS" "$PAYMENT_CONNECTIONS")
  row "flowc serve, $store, payment conversation" "$rps" "$p50" "$p99" "$errors"
  stop_serve

  if [ "$verify" = 1 ]; then
    # Signed just before the run: the timestamps must be within 150 s when they arrive.
    chain_url="$("$python" benchmarks/serve/sign_requests.py "$work" "${SIGNED_REQUESTS:-40000}")"
    start_serve "$(store_url "$store")" --cert-chain "$chain_url=$work/chain.pem" \
      --trust-roots "$work/roots.pem" --skill-id amzn1.ask.skill.bench
    read -r rps p50 p99 errors < <(SIGNED_REQUESTS="$work/signed-launch.txt" CHAIN_URL="$chain_url" \
      WRK_THREADS="$THREADS" measure "$url" signed_launch.lua "$THREADS" "$CONNECTIONS")
    row "flowc serve, $store, launch, verified" "$rps" "$p50" "$p99" "$errors"
    stop_serve
  fi
done

# Starts a peer under gunicorn with 2 workers (the module:app and gunicorn's extra flags after
# it), waits until both workers are up and the launch turn is answered; sets $url.
start_peer() {
  local app="$1" log="$work/peer-$((${#pids[@]} + 1)).log" address
  shift
  "$venv_bin/gunicorn" --workers 2 --bind 127.0.0.1:0 --chdir benchmarks/serve/peer \
    --log-level info "$@" "$app" 2>"$log" &
  pids+=($!)
  address="$(wait_for_log "$log" 'Listening at: http://[0-9.]+:[0-9]+' | sed 's|.*http://||')"
  # Both workers up before the load.
  for _ in $(seq 1 100); do
    [ "$(grep -c 'Booting worker' "$log")" -ge 2 ] && break
    sleep 0.1
  done
  url="http://$address/"
  smoke "$url"
}

if [ "$PEER" = 1 ]; then
  venv_bin="$(dirname "$python")"
  start_peer no_nicks_peer:app
  read -r rps p50 p99 errors < <(measure "$url" launch.lua "$THREADS" "$CONNECTIONS")
  row "peer: ASK SDK Python, gunicorn ×2, launch turn" "$rps" "$p50" "$p99" "$errors"
  peer_rps="$rps"
  stop_serve

  # The second peer: the Python skill flowc generates for the same flow (peer/generated_peer.py).
  generated="$work/generated"
  rm -rf "$generated"
  "$flowc" generate ask-python "$FLOW" -o "$generated" >/dev/null 2>"$work/generate.log"
  start_peer generated_peer:app --pythonpath "$generated/lambda"
  read -r rps p50 p99 errors < <(measure "$url" launch.lua "$THREADS" "$CONNECTIONS")
  row "peer: generated Python skill, gunicorn ×2, launch" "$rps" "$p50" "$p99" "$errors"
  generated_rps="$rps"
  echo
  for store in $STORES; do
    awk -v a="${launch_rps[$store]}" -v b="$peer_rps" -v c="$generated_rps" -v s="$store" \
      'BEGIN {printf "launch turn, flowc serve (%s) / hand-written peer: %.2f×, / generated peer: %.2f×\n", s, a / b, a / c}'
  done
fi
