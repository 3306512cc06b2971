#!/usr/bin/env bash
# Every benchmark, one after the other, each printing its figures with their ratio to its floor
# (see benchmarks/README.md): the compiler against libyaml's bare parse, the worst-case scaling
# table, process start against a Swift program that does nothing, the runtime turn against a
# bare JSON round trip, and the store's turns per second with group commit off and on. One
# release flowc serves the first four.
#
# Environment: the variables of each script (RUNS, SIZES, ITERATIONS, FLOW, FLOWC_PYTHON, …);
# ONLY="compiler scaling start runtime store" picks some of them. The load benchmark of flowc
# serve against the Python peer (benchmarks/serve/, needs wrk and PyPI) runs only when asked:
# ONLY="serve".
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a only <<<"${ONLY:-compiler scaling start runtime store}"
python="${FLOWC_PYTHON:-python3}"

# Linked as it ships: scripts/build-release.sh (see benchmarks/README.md).
flowc="$(bash scripts/build-release.sh)"

for benchmark in "${only[@]}"; do
  echo "== $benchmark"
  case "$benchmark" in
    compiler) FLOWC="$flowc" bash benchmarks/compiler/run.sh ;;
    scaling)
      "$python" benchmarks/scaling/scaling.py --flowc "$flowc"
      "$python" benchmarks/scaling/audit_cases.py --flowc "$flowc" all
      ;;
    start) FLOWC="$flowc" bash benchmarks/start/run.sh ;;
    runtime) bash benchmarks/runtime/run.sh ;;
    store) bash benchmarks/store/run.sh ;;
    serve) FLOWC="$flowc" bash benchmarks/serve/run.sh ;;
    *)
      echo "benchmarks/run.sh: unknown benchmark '$benchmark' (compiler, scaling, start, runtime, store, serve)" >&2
      exit 64
      ;;
  esac
done
