#!/usr/bin/env bash
# Runtime benchmark: per-turn engine latency in process (memory and SQLite stores) against a
# bare JSONDecoder + JSONEncoder floor and, for SQLite, a bare commit of the same rows; then the
# time to load IR of growing size (linear?); then `flowc run` per process against a process
# floor (`flowc --version`: start-up without any flow work). Prints figures and ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-20}"
export ITERATIONS="${ITERATIONS:-300}"
FLOW="${FLOW:-examples/no-nicks.yaml}"
IR_SIZES="${IR_SIZES:-250000 1000000 4000000}"

# The benchmark is its own package (benchmarks/runtime/Package.swift), so the root package's
# default build never compiles it; flowc comes from the root package.
# flowc is linked as it ships: scripts/build-release.sh (see benchmarks/README.md).
bin="$(dirname "$(bash scripts/build-release.sh)")"
swift build -c release --package-path benchmarks/runtime --product RuntimeBenchmark >&2
bench_bin="$(swift build -c release --package-path benchmarks/runtime --show-bin-path)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bench_bin/RuntimeBenchmark" "$FLOW"

# IR loading: generated flows of growing size, compiled and loaded in process.
echo
flows=()
for size in $IR_SIZES; do
  python3 benchmarks/compiler/generate_flow.py --bytes "$size" -o "$work/flow-$size.yaml" >&2
  flows+=("$work/flow-$size.yaml")
done
"$bench_bin/RuntimeBenchmark" --ir-load "${flows[@]}"

"$bin/flowc" compile "$FLOW" -o "$work/flow.ir.json"
cat > "$work/launch.json" <<'JSON'
{"version":"1.0","session":{"new":true,"sessionId":"amzn1.echo-api.session.bench","application":{"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"amzn1.ask.account.BENCH"}},"context":{"System":{"application":{"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"amzn1.ask.account.BENCH"},"device":{"deviceId":"d","supportedInterfaces":{}},"apiEndpoint":"https://api.amazonalexa.com"}},"request":{"type":"LaunchRequest","requestId":"REQ","timestamp":"2026-11-28T12:00:00Z","locale":"en-US"}}
JSON

# Median wall time in ms of a command run RUNS times; $1 is a label, the rest the command.
median_ms() {
  local times=()
  for i in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "$@" "$i" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}
run_launch() {  # $1 = store URL, $2 = flow file, $3 = run index (unique request id)
  sed "s/REQ/req-$3/" "$work/launch.json" | "$bin/flowc" run "$2" --store "$1"
}
process_floor() { "$bin/flowc" --version; }
ir_memory() { run_launch memory: "$work/flow.ir.json" "$1"; }
ir_sqlite() { run_launch "sqlite:$work/bench.sqlite" "$work/flow.ir.json" "$1"; }
yaml_sqlite() { run_launch "sqlite:$work/bench2.sqlite" "$FLOW" "$1"; }

echo
echo "flowc run per process (LaunchRequest, median of $RUNS runs)"
floor=$(median_ms process_floor)
printf '%-44s %8s ms\n' "process floor (flowc --version)" "$floor"
for what in ir_memory ir_sqlite yaml_sqlite; do
  ms=$(median_ms "$what")
  ratio=$(awk -v a="$ms" -v b="$floor" 'BEGIN {printf "%.2f", a / b}')
  case "$what" in
    ir_memory) label="flowc run IR JSON, memory store" ;;
    ir_sqlite) label="flowc run IR JSON, sqlite store" ;;
    yaml_sqlite) label="flowc run YAML (compiled), sqlite store" ;;
  esac
  printf '%-44s %8s ms  (%s× floor)\n' "$label" "$ms" "$ratio"
done
