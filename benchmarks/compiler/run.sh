#!/usr/bin/env bash
# The compiler benchmark: how long `flowc check` and `flowc compile` take on large generated
# flows, next to the floor of libyaml alone parsing the same file. See benchmarks/README.md.
#
# Environment:
#   RUNS=5                       runs per measurement; the best is reported
#   INSTRUCTIONS=1               also count each command's instructions under valgrind (steadier
#                                than wall time on a shared machine; needs valgrind, takes minutes)
#   SIZES="1000000 4000000"      flow sizes in bytes (the growth ratio compares the last to the first)
#   FLOWC=path                   use this flowc instead of building one (`swift build -c release --static-swift-stdlib`)
#   FLOWC_PYTHON=python3         the Python that runs the generator (needs PyYAML for the check)
#   WORK_DIR=dir                 keep the generated flows and binaries here (default: a temp dir)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-5}"
read -r -a sizes <<<"${SIZES:-1000000 4000000}"
python="${FLOWC_PYTHON:-python3}"
if [[ -n "${WORK_DIR:-}" ]]; then
  work="$WORK_DIR"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

say() { printf '%s\n' "$*" >&2; }

# 1. flowc, in release.
if [[ -n "${FLOWC:-}" ]]; then
  flowc="$FLOWC"
else
  say "building flowc (release)…"
  # Linked as it ships (scripts/build-release.sh, as scripts/install.sh does).
  flowc="$(bash "$root/scripts/build-release.sh")"
fi
[[ -x "$flowc" ]] || { say "no flowc at $flowc"; exit 1; }

# 2. The floor: libyaml's event parser over the file, nothing else.
yaml_flags="$(pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml)"
# shellcheck disable=SC2086
cc -O2 "$here/yaml_floor.c" -o "$work/yaml_floor" $yaml_flags

# measure COMMAND…: sets measured_ms to the fastest of $runs wall-clock runs in milliseconds
# (process start included, for both tools alike) and last_status to the command's exit status.
measure() {
  local best="" start end elapsed
  for ((run = 0; run < runs; run++)); do
    start=$(date +%s%N)
    set +e
    "$@" >/dev/null 2>&1
    last_status=$?
    set -e
    end=$(date +%s%N)
    elapsed=$(((end - start) / 1000))
    if [[ -z "$best" || $elapsed -lt $best ]]; then best=$elapsed; fi
  done
  # Microseconds to milliseconds with one decimal.
  measured_ms=$(printf '%d.%d' $((best / 1000)) $(((best % 1000) / 100)))
}

# 3. Generate, verify (against `flowc schema` too, when that works), measure.
schema_args=()
if "$flowc" schema >"$work/flow.schema.json" 2>/dev/null && [[ -s "$work/flow.schema.json" ]] \
  && "$python" -c "import jsonschema" 2>/dev/null; then
  schema_args=(--schema "$work/flow.schema.json")
else
  say "not validating against the JSON Schema ('flowc schema' or Python's jsonschema missing)"
fi
# peak_memory FLOW: sets peak_kib to the peak resident memory of `flowc check FLOW` (the whole
# process, as /usr/bin/time reports it) and anon_kib to its anonymous part (heap, stacks: what
# the check itself allocated; the rest is the executable's and libraries' pages, file-backed
# and shared, the same for a flow of any size). The anonymous part is read under gdb at the
# process's `exit`, where `flowc check` peaks: it leaves what it built to the process exit.
# Either is "" when /usr/bin/time or gdb is missing.
peak_memory() {
  peak_kib=""
  anon_kib=""
  if [[ -x /usr/bin/time ]]; then
    peak_kib=$(/usr/bin/time -f '%M' "$flowc" check "$1" 2>&1 >/dev/null | tail -1)
  fi
  if command -v gdb >/dev/null 2>&1; then
    anon_kib=$(gdb -q -batch -ex 'set pagination off' -ex 'break exit' -ex run \
      -ex 'python import gdb; print("anon", [line.split()[1] for line in open("/proc/%d/status" % gdb.selected_inferior().pid) if line.startswith("RssAnon:")][0])' \
      -ex kill --args "$flowc" check "$1" 2>/dev/null | awk '$1 == "anon" { print $2 }')
  fi
}

# instructions COMMAND…: sets counted to the instructions COMMAND runs (whole process, as
# callgrind counts them, with Swift's hashing seeded the same every run), "" without valgrind
# or when valgrind gives up (said on standard error).
instructions() {
  counted=""
  [[ "${INSTRUCTIONS:-0}" == 1 ]] && command -v valgrind >/dev/null 2>&1 || return 0
  counted=$(SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$@" 2>&1 >/dev/null | awk '/Collected :/ { print $NF }' | tail -1) || true
  [[ -n "$counted" ]] || say "valgrind counted nothing for: $*"
}

# Valgrind 3.19 gives up on the DWARF 5 debug information of a release build ("possibly
# corrupted debuginfo file"): it counts a copy without it, the same code.
flowc_counted="$flowc"
if [[ "${INSTRUCTIONS:-0}" == 1 ]] && command -v valgrind >/dev/null 2>&1 \
  && command -v objcopy >/dev/null 2>&1; then
  flowc_counted="$work/flowc-without-debug-info"
  objcopy --strip-debug "$flowc" "$flowc_counted"
fi

declare -a floor_ms check_ms compile_ms ir_mb actual_bytes check_note peak_mb anon_mb anon_ratio
declare -a floor_instructions check_instructions compile_instructions
for index in "${!sizes[@]}"; do
  size="${sizes[$index]}"
  flow="$work/flow-$size.yaml"
  "$python" "$here/generate_flow.py" --bytes "$size" -o "$flow"
  "$python" "$here/check_generated.py" "$flow" --expect-bytes "$size" "${schema_args[@]}"
  actual_bytes[$index]=$(wc -c <"$flow" | tr -d ' ')

  measure "$work/yaml_floor" "$flow"
  floor_ms[$index]=$measured_ms
  [[ $last_status -eq 0 ]] || { say "yaml_floor failed on $flow"; exit 1; }

  measure "$flowc" check "$flow"
  check_ms[$index]=$measured_ms
  measure "$flowc" compile "$flow"
  compile_ms[$index]=$measured_ms
  ir_bytes=$("$flowc" compile "$flow" 2>/dev/null | wc -c) || ir_bytes=0
  ir_mb[$index]=$(awk -v b="$ir_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  instructions "$work/yaml_floor" "$flow"
  floor_instructions[$index]=$counted
  instructions "$flowc_counted" check "$flow"
  check_instructions[$index]=$counted
  instructions "$flowc_counted" compile "$flow"
  compile_instructions[$index]=$counted
  peak_memory "$flow"
  peak_mb[$index]=$(awk -v k="$peak_kib" 'BEGIN { if (k != "") printf "%.1f", k * 1024 / 1e6; else print "n/a" }')
  anon_mb[$index]=$(awk -v k="$anon_kib" 'BEGIN { if (k != "") printf "%.1f", k * 1024 / 1e6; else print "n/a" }')
  anon_ratio[$index]=$(awk -v k="$anon_kib" -v b="${actual_bytes[$index]}" \
    'BEGIN { if (k != "") printf "%.2f×", k * 1024 / b; else print "n/a" }')
  # 0: clean or warnings only. Anything else means flowc could not check the flow (an error
  # in the flow, or a flowc without a working `check`): the time is shown but marked.
  case $last_status in
    0) check_note[$index]="" ;;
    *)
      check_note[$index]=" (exit $last_status)"
      say "flowc check exited $last_status on $flow; first lines of its output:"
      "$flowc" check "$flow" 2>&1 | head -5 >&2 || true
      ;;
  esac
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

printf '\n%-12s %10s %10s %8s %11s %8s %7s %9s %9s %9s\n' "size (B)" "floor ms" "check ms" "ratio" \
  "compile ms" "ratio" "IR MB" "peak MB" "anon MB" "anon÷size"
for index in "${!sizes[@]}"; do
  printf '%-12s %10s %10s %8s %11s %8s %7s %9s %9s %9s%s\n' "${actual_bytes[$index]}" \
    "${floor_ms[$index]}" "${check_ms[$index]}" "$(ratio "${check_ms[$index]}" "${floor_ms[$index]}")" \
    "${compile_ms[$index]}" "$(ratio "${compile_ms[$index]}" "${floor_ms[$index]}")" \
    "${ir_mb[$index]}" "${peak_mb[$index]}" "${anon_mb[$index]}" "${anon_ratio[$index]}" \
    "${check_note[$index]}"
done
if [[ -n "${check_instructions[0]}" ]]; then
  printf '\n%-12s %14s %14s %8s %14s %8s\n' "size (B)" "floor instr" "check instr" "ratio" \
    "compile instr" "ratio"
  for index in "${!sizes[@]}"; do
    printf '%-12s %14s %14s %8s %14s %8s\n' "${actual_bytes[$index]}" \
      "${floor_instructions[$index]}" "${check_instructions[$index]}" \
      "$(ratio "${check_instructions[$index]}" "${floor_instructions[$index]}")" \
      "${compile_instructions[$index]}" \
      "$(ratio "${compile_instructions[$index]}" "${floor_instructions[$index]}")"
  done
fi
last=$((${#sizes[@]} - 1))
if ((last > 0)); then
  size_growth=$(ratio "${actual_bytes[$last]}" "${actual_bytes[0]}")
  printf '\ngrowth %s/%s bytes: size ×%s, floor ×%s, check ×%s, compile ×%s (linear: ≈ size)\n' \
    "${actual_bytes[$last]}" "${actual_bytes[0]}" "$size_growth" \
    "$(ratio "${floor_ms[$last]}" "${floor_ms[0]}")" \
    "$(ratio "${check_ms[$last]}" "${check_ms[0]}")" \
    "$(ratio "${compile_ms[$last]}" "${compile_ms[0]}")"
fi
printf 'best of %s runs; %s\n' "$runs" "$(uname -sm)"
