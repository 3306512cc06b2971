#!/usr/bin/env bash
# Builds flowc in release mode, linked the way it ships, and prints the binary's path on
# standard output (the build's own output goes to standard error).
#
#   scripts/build-release.sh
#
# On Linux:
#   --static-swift-stdlib         the Swift runtime and Foundation linked in: flowc starts in
#                                 about half the CPU time (no ~20 shared libraries to load and
#                                 relocate) and runs without the toolchain's libraries;
#   -Xlinker --no-export-dynamic  the dynamic symbol table keeps ~550 symbols instead of
#                                 ~60,000: the Swift runtime calls dladdr at start-up, which
#                                 scans that table (about 1 ms of every start).
# See benchmarks/README.md. scripts/install.sh and every benchmark build flowc through here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

flags=(-c release)
if [[ "$(uname -s)" == Linux ]]; then flags+=(--static-swift-stdlib -Xlinker --no-export-dynamic); fi
swift build "${flags[@]}" --product flowc >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/flowc"
