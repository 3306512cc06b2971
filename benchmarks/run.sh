#!/usr/bin/env bash
# Every benchmark, one after the other, each printing its figures with their ratio to its floor
# (see benchmarks/README.md): the compiler against libyaml's bare parse, the worst-case scaling
# table, and the runtime turn against a bare JSON round trip. One release flowc serves all three.
#
# Environment: the variables of each script (RUNS, SIZES, ITERATIONS, FLOW, FLOWC_PYTHON, …);
# ONLY="compiler scaling runtime" picks some of them.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a only <<<"${ONLY:-compiler scaling runtime}"
python="${FLOWC_PYTHON:-python3}"

# On Linux the Swift runtime and Foundation are linked into flowc (--static-swift-stdlib): it
# starts in about half the CPU time (no ~20 shared libraries to load and relocate) and runs
# without the toolchain's libraries. See benchmarks/README.md.
static_stdlib=()
if [[ "$(uname -s)" == Linux ]]; then static_stdlib=(--static-swift-stdlib); fi
swift build -c release ${static_stdlib[@]+"${static_stdlib[@]}"} --product flowc >&2
flowc="$(swift build -c release ${static_stdlib[@]+"${static_stdlib[@]}"} --show-bin-path)/flowc"

for benchmark in "${only[@]}"; do
  echo "== $benchmark"
  case "$benchmark" in
    compiler) FLOWC="$flowc" bash benchmarks/compiler/run.sh ;;
    scaling) "$python" benchmarks/scaling/scaling.py --flowc "$flowc" ;;
    runtime) bash benchmarks/runtime/run.sh ;;
    *)
      echo "benchmarks/run.sh: unknown benchmark '$benchmark' (compiler, scaling, runtime)" >&2
      exit 64
      ;;
  esac
done
