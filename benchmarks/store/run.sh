#!/usr/bin/env bash
# Store benchmark: engine turns per second with 1 and 16 concurrent callers, group commit off
# and on, on SQLite (synchronous=FULL) and, when FLOWC_TEST_POSTGRES_URL is set (e.g. under
# scripts/with-postgres.sh), on PostgreSQL. Prints a table and the ratios. See
# benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

export TURNS="${TURNS:-2000}"
export CALLERS="${CALLERS:-1 16}"
FLOW="${FLOW:-examples/no-nicks.yaml}"

swift build -c release --package-path benchmarks/store --product StoreBenchmark >&2
bench_bin="$(swift build -c release --package-path benchmarks/store --show-bin-path)"
"$bench_bin/StoreBenchmark" "$FLOW"
