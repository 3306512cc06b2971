#!/usr/bin/env bash
# Where a launch turn's time goes inside `flowc serve`: samples the server with
# `perf record -e cpu-clock` while wrk sends No Nicks' launch turn (wrk/launch.lua, a fresh
# customer and request id per request), then prints the share of the server's samples spent
# in each stage of a request (inclusive: a stage counts what it calls) and the functions with
# the most samples of their own. benchmarks/README.md explains the figures.
#
# Environment: FLOWC (a release flowc; built when unset), STORE (memory: or sqlite:PATH; memory:
# by default, so that the disk does not hide the CPU), DURATION (10s), THREADS (2),
# CONNECTIONS (32), FREQUENCY (perf's sampling rate, 999 Hz), TOP (own-time rows, 30),
# WORK_DIR (keep perf.data and the logs there).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
STORE="${STORE:-memory:}"
FREQUENCY="${FREQUENCY:-999}"
TOP="${TOP:-30}"
FLOW="${FLOW:-examples/no-nicks.yaml}"
lua_dir="$PWD/benchmarks/serve/wrk"

for tool in wrk perf curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "benchmarks/serve/profile.sh: needs $tool (Debian: wrk, linux-perf, curl)" >&2
    exit 1
  fi
done
flowc="${FLOWC:-}"
if [ -z "$flowc" ]; then
  flowc="$(bash scripts/build-release.sh)"
fi
demangle="$(command -v swift-demangle || echo cat)"
work="${WORK_DIR:-$(mktemp -d)}"
mkdir -p "$work"
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${WORK_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LOG_LEVEL=warning "$flowc" serve "$FLOW" --host 127.0.0.1 --port "$port" --store "$STORE" \
  --insecure-no-verify 2>"$work/serve.log" &
server=$!
url="http://127.0.0.1:$port/"
for _ in $(seq 1 600); do
  curl -fsS --max-time 2 "${url}healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
# Warm up (the first requests fill caches and grow the thread pool), then sample the load.
WRK_LUA_DIR="$lua_dir" wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s -s "$lua_dir/launch.lua" \
  "$url" >/dev/null
perf record -q -e cpu-clock -F "$FREQUENCY" -g -p "$server" -o "$work/perf.data" \
  2>"$work/perf-record.log" &
recorder=$!
sleep 0.5
load="$(WRK_LUA_DIR="$lua_dir" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" \
  -s "$lua_dir/launch.lua" "$url" | grep '^RESULT')"
kill -INT "$recorder"
wait "$recorder" 2>/dev/null || true

echo "flowc serve ($STORE), launch turn under wrk ($THREADS threads, $CONNECTIONS connections, $DURATION): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$load"
echo

# Inclusive shares: perf's "children" column per symbol, demangled.
perf report -i "$work/perf.data" --children --sort symbol --stdio -g none --percent-limit 0.2 \
  2>/dev/null | grep -E '^ +[0-9]' | "$demangle" --simplified >"$work/children.txt"
share() {  # label, extended regex over demangled symbols: the largest inclusive share matching
  local label="$1" pattern="$2" value
  value="$(grep -E -- "$pattern" "$work/children.txt" | awk '{gsub("%", "", $1); print $1}' |
    sort -gr | head -1 || true)"
  printf '  %-58s %6s %%\n' "$label" "${value:-<0.2}"
}
echo "Inclusive share of the server's samples (a stage counts what it calls; async code is"
echo "sampled from where it resumed, so a stage that awaits is under-counted):"
share "request handler (SkillEndpoint.answer)" 'SkillEndpoint\.answer\('
share "  decode the request (RequestEnvelope(json:))" 'RequestEnvelope\.init\(json:\)'
share "  engine (FlowEngine.answer)" '\] FlowEngine\.answer\(_:\)'
share "    the pure turn (ConversationTurn.run)" 'ConversationTurn\.run\('
share "      seal the session (SessionSeal.attributes)" 'SessionSeal\.attributes\('
share "    encode the response (FlowEngine.encode)" 'FlowEngine\.encode\('
share "    store commit" '\] [A-Za-z]+FlowStore\.commit\(_:\)'
share "  metrics (ServerMetrics)" '\] ServerMetrics\.[a-zA-Z]+\('
share "  logging (swift-log Logger)" '\] Logger\.[a-zA-Z]+'
share "JSONDecoder.decode (anywhere)" '\] JSONDecoder\.decode<'
share "JSONEncoder.encode (anywhere)" '\] JSONEncoder\.encode<'
share "HTTP/1 parsing (NIO's llhttp)" '\] c_nio_llhttp_execute '
share "NIO event loops (I/O, HTTP, handlers run on them)" '\] SelectableEventLoop\.run\(\) '
share "Swift concurrency jobs (the handlers' async code)" '\] swift_job_run '
share "malloc and free (own time)" '\] (malloc|free|_int_malloc|_int_free|cfree) '
share "swift_retain and swift_release (each, own time)" '\] swift_(retain|release) '
echo
echo "Own samples, top $TOP functions:"
perf report -i "$work/perf.data" --no-children --sort dso,symbol --stdio -g none \
  2>/dev/null | grep -E '^ +[0-9]' | head -"$TOP" | "$demangle" --simplified |
  awk '{$1 = $1; print "  " $0}' | cut -c1-160
