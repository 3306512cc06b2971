#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs them (see docs/fuzzing.md).
#
#   Fuzz/run.sh [--ci] [--seconds N] [HARNESS…]
#
# HARNESS is one of: yaml check condition template engine testscript (all by default).
# Without --ci each harness fuzzes for N seconds (default 300), starting from its checked-in
# corpus Corpus/<harness>/; new interesting inputs go to .work/<harness>/ (git-ignored), crashes
# to Crashes/<harness>/ (git-ignored). With --ci each harness only executes its checked-in corpus
# once (-runs=0), so CI stays fast. Exits non-zero when any harness crashed, leaked, timed out or
# ran out of memory.
set -euo pipefail
cd "$(dirname "$0")"

all=(yaml check condition template engine testscript)
declare -A target=(
  [yaml]=FuzzYAML [check]=FuzzCheck [condition]=FuzzCondition [template]=FuzzTemplate
  [engine]=FuzzEngine [testscript]=FuzzTestScript
)
ci=0
seconds=300
harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1 ;;
    --seconds) seconds="$2"; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *)
      [ -n "${target[$1]:-}" ] || { echo "run.sh: unknown harness '$1' (${all[*]})" >&2; exit 2; }
      harnesses+=("$1")
      ;;
  esac
  shift
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")

# The root package is reached through a link named `flowc` so that its package identity does
# not depend on the name of the directory the repository is checked out in.
mkdir -p .root
[ -L .root/flowc ] || ln -sfn ../.. .root/flowc

# -enable-testing: the condition and template harnesses reach the compiler's internal parsers
# through `@testable import`.
build=(swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
  -Xswiftc -enable-testing)
echo "== building fuzz harnesses (-sanitize=fuzzer,address)"
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)"

# Swift keeps lazily initialised globals through pointers LeakSanitizer does not recognise, so
# every harness with a global "leaks" at exit: leak checking is off, the rest of ASan stays on.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
failed=()
for harness in "${harnesses[@]}"; do
  mkdir -p "Crashes/$harness" ".work/$harness"
  options=(
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -detect_leaks=0
    -artifact_prefix="Crashes/$harness/"
  )
  if [ "$ci" -eq 1 ]; then
    corpora=("Corpus/$harness")
    options+=(-runs=0)
  else
    corpora=(".work/$harness" "Corpus/$harness")
    options+=(-max_total_time="$seconds")
  fi
  echo "== fuzz $harness"
  log=".work/$harness.log"
  if "$bin/${target[$harness]}" "${options[@]}" "${corpora[@]}" >"$log" 2>&1; then
    grep -E '^(stat::|#[0-9]+ +DONE)' "$log" || true
  else
    tail -n 40 "$log"
    echo "run.sh: $harness failed; reproducers in Fuzz/Crashes/$harness/, log in Fuzz/$log" >&2
    failed+=("$harness")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "run.sh: failed: ${failed[*]}" >&2; exit 1; }
